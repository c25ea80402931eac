import { describe, expect, it } from 'vitest'
import { SmtpError, type SmtpCommand, type SmtpErrorCode } from '../../src/smtp/errors.js'
import { isRetryable } from '../../src/smtp/failure.js'

const err = (code: SmtpErrorCode, command?: SmtpCommand, responseCode?: number, extra: { transient?: boolean; cause?: unknown } = {}) =>
  new SmtpError(code, 'x', { ...(command ? { command } : {}), ...(responseCode ? { responseCode } : {}), ...extra })

describe('isRetryable: failures before hand-over are retried', () => {
  it.each([
    ['connection refused', err('ECONNECT', 'CONNECT')],
    ['connection reset while waiting for the greeting', err('ECONNECT', 'GREETING')],
    ['421 greeting', err('ECONNECT', 'GREETING', 421)],
    ['4xx greeting', err('ECONNECT', 'GREETING', 450)],
    ['421 on MAIL (closing)', err('ECONNECT', 'MAIL', 421)],
    ['421 on RCPT (closing)', err('ECONNECT', 'RCPT', 421)],
    ['connection lost waiting for the DATA reply', err('ECONNECT', 'DATA')],
    ['451 on MAIL', err('EENVELOPE', 'MAIL', 451)],
    ['452 on every RCPT', err('EENVELOPE', 'RCPT', 452)],
    ['connect timeout', err('ETIMEOUT', 'CONNECT')],
    ['greeting timeout', err('ETIMEOUT', 'GREETING')],
    ['TLS handshake failure', err('ETLS', 'CONNECT', undefined, { transient: true, cause: Object.assign(new Error('socket disconnected before secure TLS connection was established'), { code: 'ECONNRESET' }) })],
    ['454 to STARTTLS', err('ETLS', 'STARTTLS', 454)],
  ])('%s', (_name, e) => {
    expect(isRetryable(e)).toBe(true)
  })
})

describe('isRetryable: never after the final dot, never permanent or local failures', () => {
  it.each([
    ['unknown outcome', err('EUNKNOWN_OUTCOME', 'MESSAGE')],
    ['421 after the final dot', err('EMESSAGE', 'MESSAGE', 421)],
    ['451 after the final dot', err('EMESSAGE', 'MESSAGE', 451)],
    ['connection lost while writing the content', err('ECONNECT', 'MESSAGE')],
    ['550 on MAIL', err('EENVELOPE', 'MAIL', 550)],
    ['every RCPT refused, some permanently', err('EENVELOPE', 'RCPT', 452, { transient: false })],
    ['554 greeting', err('ECONNECT', 'GREETING', 554)],
    ['535 AUTH', err('EAUTH', 'AUTH', 535)],
    ['454 AUTH (auth failures are never retried)', err('EAUTH', 'AUTH', 454)],
    ['certificate rejected', err('ETLS', 'CONNECT', undefined, { transient: false, cause: Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) })],
    ['certificate error marked transient by an older transport', err('ETLS', 'STARTTLS', undefined, { transient: true, cause: Object.assign(new Error('x'), { code: 'CERT_REVOKED' }) })],
    ['STARTTLS not offered', err('ETLS', 'STARTTLS', undefined, { transient: false })],
    ['clear text on an implicit-TLS port (a setting, not a passing fault)', err('ETLS', 'CONNECT', undefined, { cause: Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }) })],
    ['timeout on MAIL', err('ETIMEOUT', 'MAIL')],
    ['timeout on the final reply', err('ETIMEOUT', 'MESSAGE')],
    ['message too large', err('ESIZE', 'MAIL', 552)],
    ['protocol violation', err('EPROTOCOL', 'EHLO')],
    ['pool busy', err('EBUSY')],
    ['aborted', err('EABORTED')],
    ['not an SmtpError', new Error('boom')],
  ])('%s', (_name, e) => {
    expect(isRetryable(e)).toBe(false)
  })
})
