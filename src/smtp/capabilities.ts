import type { SmtpReply } from './reply.js'

/** What the relay announced in its EHLO reply (RFC 5321 §4.1.1.1). */
export interface Capabilities {
  /** True when the session fell back to HELO (no extensions at all). */
  readonly helo: boolean
  /** RFC 1870 SIZE: the limit in bytes, 0 when announced without a limit, null when not announced. */
  readonly size: number | null
  /** RFC 2920 PIPELINING. */
  readonly pipelining: boolean
  /** RFC 3207 STARTTLS. */
  readonly starttls: boolean
  /** SASL mechanisms offered, upper case (from `AUTH` and the legacy `AUTH=` form). */
  readonly auth: readonly string[]
  /** RFC 6152 8BITMIME. */
  readonly eightBitMime: boolean
  /** RFC 6531 SMTPUTF8. */
  readonly smtpUtf8: boolean
  /** RFC 2034 ENHANCEDSTATUSCODES. */
  readonly enhancedStatusCodes: boolean
  /** RFC 3461 DSN. */
  readonly dsn: boolean
  /** Every keyword announced, upper case, with its parameters. */
  readonly extensions: ReadonlyMap<string, string>
}

/** Capabilities of a HELO session: nothing. */
export const NO_CAPABILITIES: Capabilities = Object.freeze({
  helo: true,
  size: null,
  pipelining: false,
  starttls: false,
  auth: Object.freeze([]) as readonly string[],
  eightBitMime: false,
  smtpUtf8: false,
  enhancedStatusCodes: false,
  dsn: false,
  extensions: new Map<string, string>(),
})

/**
 * Parses a `250` EHLO reply. The first line is the server's greeting name;
 * each following line is `KEYWORD [params]`. Unknown keywords are kept in
 * `extensions` only.
 */
export function parseCapabilities(reply: SmtpReply): Capabilities {
  const extensions = new Map<string, string>()
  const auth = new Set<string>()
  let size: number | null = null
  for (let i = 1; i < reply.lines.length; i++) {
    const line = reply.lines[i]!.trim()
    if (line === '') continue
    // The legacy form "AUTH=LOGIN PLAIN" is treated as "AUTH LOGIN PLAIN".
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:[ =](.*))?$/.exec(line)
    if (m === null) continue
    const keyword = m[1]!.toUpperCase()
    const params = (m[2] ?? '').trim()
    extensions.set(keyword, params)
    if (keyword === 'AUTH') {
      for (const mech of params.split(/\s+/)) if (mech !== '') auth.add(mech.toUpperCase())
    } else if (keyword === 'SIZE') {
      const n = /^\d+$/.test(params) ? Number(params) : 0
      size = Number.isSafeInteger(n) ? n : 0
    }
  }
  return {
    helo: false,
    size,
    pipelining: extensions.has('PIPELINING'),
    starttls: extensions.has('STARTTLS'),
    auth: [...auth],
    eightBitMime: extensions.has('8BITMIME'),
    smtpUtf8: extensions.has('SMTPUTF8'),
    enhancedStatusCodes: extensions.has('ENHANCEDSTATUSCODES'),
    dsn: extensions.has('DSN'),
    extensions,
  }
}
