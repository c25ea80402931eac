import type { Log } from '../../http/log.js'
import { isRequestLogEntry } from '../../http/log.js'

/** Writes lines to stdout. */
export function say(...lines: string[]): void {
  process.stdout.write(lines.map((l) => `${l}\n`).join(''))
}

/** Writes lines to stderr. */
export function complain(...lines: string[]): void {
  process.stderr.write(lines.map((l) => `${l}\n`).join(''))
}

/**
 * The log for one-shot commands: service events as plain text (info on
 * stdout, warnings and errors on stderr, prefixed with their level); request
 * log entries are left out.
 */
export const textLog: Log = (line) => {
  if (isRequestLogEntry(line)) return
  if (line.level === 'info') say(line.msg)
  else complain(`${line.level}: ${line.msg}`)
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()))

/**
 * Exits with `code` once stdout and stderr are written out: a pipe is not
 * blocking, and `process.exit()` would drop what it still holds.
 */
export async function exitWhenWritten(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)])
  process.exit(code)
}
