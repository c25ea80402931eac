/**
 * A composed message rendered piece by piece while it is sent, for messages
 * with large attachments: the attachment's folded base64 is written into one
 * reused buffer a window at a time instead of into a copy of the whole
 * message, so a 10 MiB attachment costs its base64 once (where the caller's
 * content already is), not twice.
 */
import { FoldedBase64, writeFolded, type Piece } from './output.js'
import { MAX_ENCODED_LINE } from './transfer-encoding.js'
import { isAscii } from './text-checks.js'

/** Base64 lines per window: 840 lines of 78 bytes (76 and CRLF), just under 64 KiB. */
const WINDOW_LINES = 840

const encoder = new TextEncoder()

/**
 * The bytes of a message, produced in order by {@link chunks}. It satisfies
 * the SMTP client's `MessageChunks`: a window is valid until the next one is
 * asked for, and `chunks()` may be run again (a retry sends the message anew).
 */
export class ChunkedMessage {
  /** Size of the whole message in bytes. */
  readonly byteLength: number
  /** Some byte is 8-bit (>= 0x80): only in text parts or headers, never in base64. */
  readonly eightBit: boolean
  readonly #parts: readonly (Uint8Array | FoldedBase64)[]

  constructor(pieces: readonly Piece[]) {
    const parts: (Uint8Array | FoldedBase64)[] = []
    let run = ''
    let eightBit = false
    const flush = () => {
      if (run === '') return
      eightBit ||= !isAscii(run)
      parts.push(encoder.encode(run))
      run = ''
    }
    for (const p of pieces) {
      if (typeof p === 'string') run += p
      else {
        flush()
        parts.push(p)
      }
    }
    flush()
    this.#parts = parts
    this.eightBit = eightBit
    this.byteLength = parts.reduce((n, p) => n + p.byteLength, 0)
  }

  /** The message in order: text runs as they are, base64 in windows of one reused buffer. */
  *chunks(): Generator<Uint8Array, void, undefined> {
    let window: Uint8Array | undefined
    for (const part of this.#parts) {
      if (part instanceof Uint8Array) {
        yield part
        continue
      }
      const b64 = part.base64
      window ??= new Uint8Array(WINDOW_LINES * (MAX_ENCODED_LINE + 2))
      for (let from = 0; from < b64.length; from += WINDOW_LINES * MAX_ENCODED_LINE) {
        const to = Math.min(from + WINDOW_LINES * MAX_ENCODED_LINE, b64.length)
        yield window.subarray(0, writeFolded(b64, window, 0, from, to))
      }
    }
  }
}
