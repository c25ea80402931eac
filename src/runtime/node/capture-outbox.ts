import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'

/** Who the message was for, as the SMTP envelope said (bcc recipients included). */
export interface CapturedEnvelope {
  from: string
  to: string[]
}

/** One message written to the outbox. */
export interface CapturedMessage {
  queueId: string
  /** Absolute path of `<queueId>.eml`: the message exactly as received (dot-stuffing undone). */
  path: string
  envelope: CapturedEnvelope
  /** Bytes written. */
  size: number
}

/** Writes captured messages into a directory. */
export interface Outbox {
  /** Absolute directory path. */
  readonly dir: string
  /**
   * Streams a message to `<queueId>.eml` (through a temporary name, so a reader
   * never sees half a file) and its envelope to `<queueId>.json`.
   */
  write(queueId: string, envelope: CapturedEnvelope, message: Readable): Promise<CapturedMessage>
}

/** Creates the directory (and parents) when missing and returns a writer for it. */
export async function openOutbox(dir: string): Promise<Outbox> {
  const abs = resolve(dir)
  await mkdir(abs, { recursive: true })
  return {
    dir: abs,
    async write(queueId, envelope, message) {
      const path = join(abs, `${queueId}.eml`)
      const partial = join(abs, `.${queueId}.eml.partial`)
      const file = createWriteStream(partial, { flags: 'wx' })
      try {
        await pipeline(message, file)
        await writeFile(join(abs, `${queueId}.json`), `${JSON.stringify({ queue_id: queueId, ...envelope }, null, 2)}\n`)
        await rename(partial, path)
      } catch (e) {
        await rm(partial, { force: true })
        throw e
      }
      return { queueId, path, envelope, size: file.bytesWritten }
    },
  }
}
