import { SmtpError } from './errors.js'
import { hmacMd5, toHex } from './md5.js'
import type { AuthMethod, SmtpAuth } from './types.js'

/**
 * One SASL exchange (RFC 4954). The session sends `initial()` as the AUTH
 * command, answers each `334` challenge with `respond()`, and succeeds on `235`.
 * The lines returned carry credentials: they are written to the socket and
 * never put into errors or logs.
 */
export interface SaslMechanism {
  readonly name: AuthMethod
  /** The AUTH command line without CRLF, with an initial response when the mechanism has one. */
  initial(): string
  /** The answer to a `334` challenge (`challenge` is the base64 text after the code). */
  respond(challenge: string): string
}

/**
 * Longest command line, CRLF included (RFC 5321 §4.5.3.1.4). RFC 4954 §4: an
 * AUTH command whose initial response would pass it MUST be sent without
 * one, and the response given to the server's empty `334` instead.
 */
export const MAX_COMMAND_LINE = 512

/**
 * Preference order when the relay offers several. Over TLS, PLAIN first: the
 * channel protects it, and CRAM-MD5 adds only MD5 and a server that must keep
 * the password in clear. In clear text (SMTP_TLS=none), CRAM-MD5 first: it
 * is the one that does not send the password itself.
 */
const PREFERENCE_SECURE: readonly AuthMethod[] = ['PLAIN', 'LOGIN', 'CRAM-MD5']
const PREFERENCE_CLEAR: readonly AuthMethod[] = ['CRAM-MD5', 'PLAIN', 'LOGIN']

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Base64 of the UTF-8 bytes of `text`. */
export function base64Utf8(text: string): string {
  const bytes = encoder.encode(text)
  let bin = ''
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!)
  return btoa(bin)
}

/** Decodes base64 into bytes; invalid input gives no bytes. */
export function fromBase64(b64: string): Uint8Array {
  try {
    const bin = atob(b64.trim())
    const bytes = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
    return bytes
  } catch {
    return new Uint8Array(0)
  }
}

/** Decodes base64 into UTF-8 text; invalid input gives ''. */
export function fromBase64Utf8(b64: string): string {
  return decoder.decode(fromBase64(b64))
}

/** Refuses credentials that would break out of a command line or an XOAUTH2 field. Never echoes them. */
export function checkCredentials(auth: SmtpAuth): void {
  if (/[\r\n\0]/.test(auth.user) || /[\r\n\0]/.test(auth.pass)) {
    throw new SmtpError('EAUTH', 'SMTP credentials contain CR, LF or NUL', { command: 'AUTH', transient: false })
  }
  // XOAUTH2 separates its fields with ^A: one in the user or token would forge a field.
  if (auth.method === 'XOAUTH2' && (auth.user.includes('\x01') || auth.pass.includes('\x01'))) {
    throw new SmtpError('EAUTH', 'XOAUTH2 credentials contain a ^A (0x01) field separator', { command: 'AUTH', transient: false })
  }
}

/**
 * Picks the mechanism: the configured one, else the strongest offered.
 * XOAUTH2 only when configured. PLAIN and LOGIN send the password in
 * recoverable form, so they are refused on a clear-text connection unless
 * `allowPlaintext` (TLS mode `none`).
 */
export function chooseMechanism(
  offered: readonly string[],
  auth: SmtpAuth,
  { secure, allowPlaintext }: { secure: boolean; allowPlaintext: boolean },
): AuthMethod {
  const method = auth.method ?? (secure ? PREFERENCE_SECURE : PREFERENCE_CLEAR).find((m) => offered.includes(m))
  if (method === undefined) {
    throw new SmtpError('EAUTH', `SMTP relay offers no supported AUTH mechanism (offered: ${offered.join(' ') || 'none'})`, {
      command: 'AUTH',
      transient: false,
    })
  }
  if ((method === 'PLAIN' || method === 'LOGIN' || method === 'XOAUTH2') && !secure && !allowPlaintext) {
    throw new SmtpError('EAUTH', `refusing AUTH ${method} over a clear-text connection`, { command: 'AUTH', transient: false })
  }
  return method
}

/** Builds the exchange for `method` with the given credentials. */
export function createSaslMechanism(method: AuthMethod, auth: SmtpAuth): SaslMechanism {
  const { user, pass } = auth
  switch (method) {
    case 'PLAIN': {
      const response = base64Utf8(`\0${user}\0${pass}`)
      return withInitialResponse(method, response, () => response)
    }
    case 'LOGIN': {
      let step = 0
      return {
        name: method,
        initial: () => 'AUTH LOGIN',
        // The server asks "Username:" then "Password:"; answer by order, as servers differ in wording.
        respond: (challenge) => {
          const asked = fromBase64Utf8(challenge).toLowerCase()
          if (asked.startsWith('pass')) return base64Utf8(pass)
          if (asked.startsWith('user')) return base64Utf8(user)
          return base64Utf8(step++ === 0 ? user : pass)
        },
      }
    }
    case 'CRAM-MD5':
      return {
        name: method,
        initial: () => 'AUTH CRAM-MD5',
        respond: (challenge) => {
          const digest = toHex(hmacMd5(encoder.encode(pass), fromBase64(challenge)))
          return base64Utf8(`${user} ${digest}`)
        },
      }
    case 'XOAUTH2':
      // On failure the server sends a 334 with a JSON error; an empty line ends the exchange (then 535).
      return withInitialResponse(method, base64Utf8(`user=${user}\x01auth=Bearer ${pass}\x01\x01`), () => '')
  }
}

/**
 * A mechanism that has an initial response: sent on the AUTH line when the
 * line fits {@link MAX_COMMAND_LINE}, else as the answer to the first `334`.
 */
function withInitialResponse(name: AuthMethod, response: string, later: (challenge: string) => string): SaslMechanism {
  let deferred = false
  return {
    name,
    initial: () => {
      const line = `AUTH ${name} ${response}`
      if (line.length + 2 <= MAX_COMMAND_LINE) return line
      deferred = true
      return `AUTH ${name}`
    },
    respond: (challenge) => {
      if (!deferred) return later(challenge)
      deferred = false
      return response
    },
  }
}
