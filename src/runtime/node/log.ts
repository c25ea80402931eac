import type { LogLine } from '../../http/log.js'
import { createLineBuffer } from './line-buffer.js'

/** Lines for stdout, written once per event-loop turn (see `createLineBuffer`). */
const stdoutLines = createLineBuffer({ write: (chunk) => void process.stdout.write(chunk) })
let stdoutReady = false

/**
 * The default log: one JSON line per entry on stdout, buffered and written
 * once per event-loop turn, and at once on `flushLogLines()`, on `close()` and
 * on process `exit`.
 *
 * A pipe on stdout (`docker logs`, `| tee`) is made blocking, as Node documents
 * pipes to be on Linux but does not make them: otherwise a write the pipe has
 * no room for is queued, and `process.exit()` drops it.
 */
export function writeLogLine(line: LogLine): void {
  if (!stdoutReady) {
    stdoutReady = true
    const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => unknown } })._handle
    handle?.setBlocking?.(true)
    process.once('exit', flushLogLines)
  }
  stdoutLines.push(JSON.stringify(line))
}

/** Writes the buffered stdout log lines now (before writing to stdout directly, or exiting). */
export function flushLogLines(): void {
  stdoutLines.flush()
}
