import { parseArgs } from 'node:util'

/** What the command line asks for. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'serve' }
  | { name: 'check' }
  | { name: 'dkim-record' }
  | { name: 'send'; to: string[]; from: string | undefined; subject: string | undefined; text: string | undefined }

/** The subcommands, `serve` first (the default). */
export const SUBCOMMANDS = ['serve', 'check', 'send', 'dkim-record'] as const

/** A command line mailbridge cannot run: exit status 2, with the message and a pointer to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  to: { type: 'string', multiple: true },
  from: { type: 'string' },
  subject: { type: 'string' },
  text: { type: 'string' },
} as const

/** Options only `send` takes. */
const SEND_OPTIONS = ['to', 'from', 'subject', 'text'] as const

/**
 * Reads `mailbridge [serve|check|send|dkim-record] [options]` (the arguments after the
 * script). No subcommand means `serve`; `--help` and `--version` win over
 * everything else.
 *
 * @throws {UsageError} for an unknown subcommand or option, a missing value,
 *   an option the subcommand does not take, or `send` without `--to`.
 * @example
 * ```ts
 * parseCommandLine(['send', '--to', 'a@b.c']) // { name: 'send', to: ['a@b.c'], from: undefined, … }
 * ```
 */
export function parseCommandLine(args: readonly string[]): CliCommand {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    // parseArgs explains itself ("Unknown option '--tos'", "Option '--to <value>' argument missing").
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e))
  }
  const { values, positionals } = parsed
  if (values.help) return { name: 'help' }
  if (values.version) return { name: 'version' }

  const [name = 'serve', ...extra] = positionals
  if (!(SUBCOMMANDS as readonly string[]).includes(name)) throw new UsageError(`unknown command "${name}"`)
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" after ${name}`)
  if (name !== 'send') {
    const misplaced = SEND_OPTIONS.find((o) => values[o] !== undefined)
    if (misplaced) throw new UsageError(`--${misplaced} is an option of send, not ${name}`)
    return { name: name as 'serve' | 'check' | 'dkim-record' }
  }
  if (!values.to || values.to.length === 0) throw new UsageError('send needs at least one --to <address>')
  return { name: 'send', to: values.to, from: values.from, subject: values.subject, text: values.text }
}
