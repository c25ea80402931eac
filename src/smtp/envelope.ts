import { SmtpError } from './errors.js'
import type { OutgoingMessage } from './types.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const AT = 0x40

/**
 * Characters that may never appear in a path: controls (CR, LF, NUL, …),
 * DEL, space and angle brackets (which would end or re-open `<…>`). A local
 * part that is an RFC 5321 Quoted-string (`"john doe"@example.com`) may hold
 * spaces and brackets between its quotes, never a control character, and
 * must close right before the `@`.
 */
function unsafeAddress(address: string): boolean {
  let i = 0
  if (address.charCodeAt(0) === QUOTE) {
    for (i = 1; ; i++) {
      if (i >= address.length) return true // unterminated
      const c = address.charCodeAt(i)
      if (c === QUOTE) break
      if (c === BACKSLASH) {
        // quoted-pairSMTP: a backslash and one printable character (NaN past the end fails too).
        const n = address.charCodeAt(++i)
        if (!(n >= 0x20 && n !== 0x7f)) return true
      } else if (c < 0x20 || c === 0x7f) return true
    }
    if (address.charCodeAt(++i) !== AT) return true
  }
  for (; i < address.length; i++) {
    const c = address.charCodeAt(i)
    if (c <= 0x20 || c === 0x7f || c === 0x3c || c === 0x3e) return true
  }
  return false
}

/**
 * Longest address in a path: RFC 5321 §4.5.3.1.3 allows 256 octets for the
 * path, angle brackets included. It also keeps `MAIL FROM:<…>` with its
 * parameters inside the 512-octet command line (RFC 5321 §4.5.3.1.4).
 */
export const MAX_PATH_ADDRESS = 254

const encoder = new TextEncoder()

function tooLong(address: string): boolean {
  // Each UTF-16 code unit is at most 3 UTF-8 octets: only count when it could matter.
  return address.length > MAX_PATH_ADDRESS || (address.length * 3 > MAX_PATH_ADDRESS && encoder.encode(address).length > MAX_PATH_ADDRESS)
}

function nonAscii(address: string): boolean {
  for (let i = 0; i < address.length; i++) if (address.charCodeAt(i) > 0x7f) return true
  return false
}

/**
 * Refuses an envelope that could inject commands (CR, LF, NUL, other
 * controls, `<`, `>`), is empty, or has an address over 254 octets, before
 * any byte is written. Returns whether
 * SMTPUTF8 is needed (a non-ASCII address, or the message asks for it).
 */
export function checkEnvelope(message: OutgoingMessage): { smtputf8: boolean } {
  const { from, to } = message.envelope
  let utf8 = message.smtputf8 === true
  if (typeof from !== 'string' || unsafeAddress(from) || (from !== '' && !from.includes('@')) || tooLong(from)) {
    throw new SmtpError('EENVELOPE', 'unsafe or invalid sender address', { command: 'MAIL', transient: false })
  }
  if (!utf8 && nonAscii(from)) utf8 = true
  if (!Array.isArray(to) || to.length === 0) {
    throw new SmtpError('EENVELOPE', 'the envelope has no recipients', { command: 'RCPT', transient: false })
  }
  for (const rcpt of to) {
    if (typeof rcpt !== 'string' || rcpt === '' || unsafeAddress(rcpt) || !rcpt.includes('@') || tooLong(rcpt)) {
      throw new SmtpError('EENVELOPE', 'unsafe or invalid recipient address', { command: 'RCPT', transient: false })
    }
    if (!utf8 && nonAscii(rcpt)) utf8 = true
  }
  return { smtputf8: utf8 }
}

/**
 * Refuses an EHLO name that is not a plain domain or address literal
 * (printable ASCII without spaces), so nothing can be smuggled into EHLO.
 */
export function checkEhloName(name: string): void {
  if (!isEhloName(name)) {
    throw new SmtpError('EPROTOCOL', 'invalid EHLO name: it must be a domain or address literal without spaces or control characters', {
      command: 'EHLO',
      transient: false,
    })
  }
}

// RFC 5321 §4.1.1.1: EHLO takes a domain or an address literal. Labels may
// also hold `_`, which real machine host names sometimes carry.
const EHLO_DOMAIN = /^(?=.{1,255}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/
const EHLO_IPV4 = /^\[(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\]$/
const EHLO_IPV6 = /^\[IPv6:[0-9A-Fa-f:.]{2,45}\]$/

/** Whether `name` may follow `EHLO `: a domain or an address literal (RFC 5321 §4.1.1.1). */
export function isEhloName(name: string): boolean {
  return EHLO_DOMAIN.test(name) || EHLO_IPV4.test(name) || EHLO_IPV6.test(name)
}
