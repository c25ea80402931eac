import { describe, expect, it } from 'vitest'
import { smtpFailure } from '../../src/http/smtp-problem.js'
import { SmtpError, type SmtpCommand, type SmtpErrorCode } from '../../src/smtp/errors.js'
import { classifyFailure, diedBeforeHandover, mxDeliveryStatus, nextMxHostMayTry } from '../../src/smtp/failure.js'

const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
const handshake = Object.assign(new Error('Client network socket disconnected before secure TLS connection was established'), { code: 'ECONNRESET' })
const clearText = Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' })

interface Row {
  code: SmtpErrorCode
  command?: SmtpCommand
  reply?: number
  transient?: boolean
  cause?: unknown
  /** problem code, HTTP status, retried before hand-over, sent to the fallback relay, pooled connection replaced */
  expect: [string, number, boolean, boolean, boolean]
}

/** Every decision for every SmtpError code: one row per case the table tells apart. */
const TABLE: Record<string, Row> = {
  'connection refused': { code: 'ECONNECT', command: 'CONNECT', expect: ['relay_unavailable', 502, true, true, true] },
  'reset before the greeting': { code: 'ECONNECT', command: 'GREETING', expect: ['relay_unavailable', 502, true, true, true] },
  '421 greeting': { code: 'ECONNECT', command: 'GREETING', reply: 421, expect: ['relay_busy', 503, true, false, true] },
  '554 greeting': { code: 'ECONNECT', command: 'GREETING', reply: 554, expect: ['relay_unavailable', 502, false, false, true] },
  'lost waiting for the EHLO reply': { code: 'ECONNECT', command: 'EHLO', expect: ['relay_unavailable', 502, true, false, true] },
  '421 to MAIL': { code: 'ECONNECT', command: 'MAIL', reply: 421, expect: ['relay_busy', 503, true, false, true] },
  'lost waiting for the DATA reply': { code: 'ECONNECT', command: 'DATA', expect: ['relay_unavailable', 502, true, false, true] },
  'lost after the final dot, reported as a lost connection': { code: 'ECONNECT', command: 'MESSAGE', expect: ['relay_unavailable', 502, false, false, false] },
  'reset while the content was written, before the final dot left': { code: 'ECONNECT', command: 'CONTENT', expect: ['relay_unavailable', 502, true, false, true] },
  'content write stalled, before the final dot left': { code: 'ETIMEOUT', command: 'CONTENT', expect: ['relay_timeout', 504, false, false, false] },
  'connect timeout': { code: 'ETIMEOUT', command: 'CONNECT', expect: ['relay_timeout', 504, true, true, false] },
  'greeting timeout': { code: 'ETIMEOUT', command: 'GREETING', expect: ['relay_timeout', 504, true, true, false] },
  'EHLO timeout': { code: 'ETIMEOUT', command: 'EHLO', expect: ['relay_timeout', 504, true, false, false] },
  'STARTTLS timeout': { code: 'ETIMEOUT', command: 'STARTTLS', expect: ['relay_timeout', 504, true, false, false] },
  'MAIL timeout': { code: 'ETIMEOUT', command: 'MAIL', expect: ['relay_timeout', 504, false, false, false] },
  'final reply timeout': { code: 'ETIMEOUT', command: 'MESSAGE', expect: ['relay_timeout', 504, false, false, false] },
  'TLS handshake failure on connect': { code: 'ETLS', command: 'CONNECT', cause: handshake, expect: ['relay_unavailable', 502, true, true, false] },
  'TLS handshake failure after STARTTLS': { code: 'ETLS', command: 'STARTTLS', cause: handshake, expect: ['relay_unavailable', 502, true, true, false] },
  'clear text on an implicit-TLS port': { code: 'ETLS', command: 'CONNECT', cause: clearText, expect: ['relay_unavailable', 502, false, false, false] },
  'certificate rejected': { code: 'ETLS', command: 'CONNECT', cause: cert, expect: ['relay_unavailable', 502, false, false, false] },
  'STARTTLS not offered': { code: 'ETLS', command: 'STARTTLS', transient: false, expect: ['relay_unavailable', 502, false, false, false] },
  '454 to STARTTLS': { code: 'ETLS', command: 'STARTTLS', reply: 454, expect: ['relay_busy', 503, true, false, false] },
  '535 to AUTH': { code: 'EAUTH', command: 'AUTH', reply: 535, expect: ['relay_unavailable', 502, false, false, false] },
  '454 to AUTH': { code: 'EAUTH', command: 'AUTH', reply: 454, expect: ['relay_busy', 503, false, false, false] },
  '530 to MAIL (the relay wants AUTH)': { code: 'EENVELOPE', command: 'MAIL', reply: 530, expect: ['relay_unavailable', 502, false, false, false] },
  '535 to MAIL': { code: 'EENVELOPE', command: 'MAIL', reply: 535, expect: ['relay_unavailable', 502, false, false, false] },
  '538 to MAIL (encryption required)': { code: 'EENVELOPE', command: 'MAIL', reply: 538, expect: ['relay_unavailable', 502, false, false, false] },
  '534 to RCPT': { code: 'EENVELOPE', command: 'RCPT', reply: 534, expect: ['relay_unavailable', 502, false, false, false] },
  '454 to MAIL (temporary authentication failure)': { code: 'EENVELOPE', command: 'MAIL', reply: 454, expect: ['relay_busy', 503, false, false, false] },
  'AUTH impossible (no mechanism)': { code: 'EAUTH', command: 'AUTH', transient: false, expect: ['relay_unavailable', 502, false, false, false] },
  'garbled reply': { code: 'EPROTOCOL', command: 'EHLO', expect: ['relay_unavailable', 502, false, false, false] },
  '421 to RSET': { code: 'EPROTOCOL', command: 'RSET', reply: 421, expect: ['relay_busy', 503, false, false, true] },
  '451 to MAIL': { code: 'EENVELOPE', command: 'MAIL', reply: 451, expect: ['relay_busy', 503, true, false, false] },
  '452 to every RCPT': { code: 'EENVELOPE', command: 'RCPT', reply: 452, expect: ['relay_busy', 503, true, false, false] },
  'every RCPT refused, some permanently': { code: 'EENVELOPE', command: 'RCPT', reply: 452, transient: false, expect: ['relay_busy', 503, false, false, false] },
  '550 to MAIL': { code: 'EENVELOPE', command: 'MAIL', reply: 550, expect: ['smtp_rejected', 422, false, false, false] },
  'unsafe address refused locally': { code: 'EENVELOPE', command: 'RCPT', expect: ['smtp_rejected', 422, false, false, false] },
  '552 to MAIL (too large)': { code: 'ESIZE', command: 'MAIL', reply: 552, expect: ['payload_too_large', 413, false, false, false] },
  'over the advertised SIZE': { code: 'ESIZE', command: 'MAIL', expect: ['payload_too_large', 413, false, false, false] },
  '554 to DATA': { code: 'EMESSAGE', command: 'DATA', reply: 554, expect: ['smtp_rejected', 422, false, false, false] },
  '451 to DATA': { code: 'EMESSAGE', command: 'DATA', reply: 451, expect: ['relay_busy', 503, false, false, false] },
  '554 after the final dot': { code: 'EMESSAGE', command: 'MESSAGE', reply: 554, expect: ['smtp_rejected', 422, false, false, false] },
  '451 after the final dot': { code: 'EMESSAGE', command: 'MESSAGE', reply: 451, expect: ['relay_busy', 503, false, false, false] },
  'lost after the final dot': { code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE', expect: ['delivery_unknown', 504, false, false, false] },
  'pool queue full': { code: 'EBUSY', expect: ['relay_busy', 503, false, false, false] },
  'aborted': { code: 'EABORTED', expect: ['relay_busy', 503, false, false, false] },
  'direct delivery: null MX (RFC 7505)': { code: 'ENULLMX', reply: 556, transient: false, expect: ['smtp_rejected', 422, false, false, false] },
  'direct delivery: the domain does not exist': { code: 'ENODOMAIN', reply: 550, transient: false, expect: ['smtp_rejected', 422, false, false, false] },
  'direct delivery: no MX host has an address': { code: 'ENOROUTE', reply: 550, transient: false, expect: ['smtp_rejected', 422, false, false, false] },
  'direct delivery: DNS failed for now': { code: 'EDNS', reply: 451, expect: ['relay_busy', 503, false, false, false] },
  'direct delivery: a domain greylisted or was unreachable': { code: 'EDEFERRED', reply: 451, expect: ['relay_busy', 503, false, false, false] },
  'direct delivery: a domain unreachable, no reply at all': { code: 'EDEFERRED', transient: true, expect: ['relay_busy', 503, false, false, false] },
}

const ALL_CODES: SmtpErrorCode[] = [
  'ECONNECT', 'ETIMEOUT', 'ETLS', 'EAUTH', 'EPROTOCOL', 'EENVELOPE', 'ESIZE', 'EMESSAGE', 'EUNKNOWN_OUTCOME', 'EBUSY', 'EABORTED',
  'ENULLMX', 'ENODOMAIN', 'ENOROUTE', 'EDNS', 'EDEFERRED',
]

describe('failure classification: one table decides retry, fallback, connection reuse and the problem', () => {
  it('covers every SmtpError code', () => {
    expect(new Set(Object.values(TABLE).map((r) => r.code))).toEqual(new Set(ALL_CODES))
  })

  it.each(Object.entries(TABLE))('%s', (_name, row) => {
    const err = new SmtpError(row.code, 'x', {
      ...(row.command ? { command: row.command } : {}),
      ...(row.reply ? { responseCode: row.reply } : {}),
      ...(row.transient !== undefined ? { transient: row.transient } : {}),
      ...(row.cause ? { cause: row.cause } : {}),
    })
    const [problem, status, retry, failover, replace] = row.expect
    const decided = classifyFailure(err)
    expect({ outcome: decided.outcome, retry: decided.retry, failover: decided.failover }).toEqual({ outcome: problem, retry, failover })
    expect(diedBeforeHandover(err)).toBe(replace)
    expect(smtpFailure(err).problem).toMatchObject({ code: problem, status })
  })

  it('an aborted send is transient wherever it is created: the caller may try again later', () => {
    expect(new SmtpError('EABORTED', 'x').transient).toBe(true)
  })

  it('a certificate failure is permanent without its creator saying so', () => {
    expect(new SmtpError('ETLS', 'x', { cause: cert }).transient).toBe(false)
    expect(new SmtpError('ETLS', 'x', { cause: handshake }).transient).toBe(true)
  })
})

describe('direct delivery decisions live in the same module', () => {
  const e = (code: SmtpErrorCode, command?: SmtpCommand, reply?: number, transient?: boolean) =>
    new SmtpError(code, 'x', { ...(command ? { command } : {}), ...(reply ? { responseCode: reply } : {}), ...(transient !== undefined ? { transient } : {}) })

  it.each([
    ['a refused connection', e('ECONNECT', 'CONNECT'), true],
    ['a 554 greeting', e('ECONNECT', 'GREETING', 554), true],
    ['a TLS failure', e('ETLS', 'STARTTLS'), true],
    ['a 421 to MAIL', e('ECONNECT', 'MAIL', 421), true],
    ['a timeout on RCPT', e('ETIMEOUT', 'RCPT'), true],
    ['greylisting (451 to RCPT)', e('EENVELOPE', 'RCPT', 451), false],
    ['a 550 to RCPT', e('EENVELOPE', 'RCPT', 550), false],
    ['a reset while the content was written', e('ECONNECT', 'CONTENT'), false],
    ['a lost connection after the final dot', e('EUNKNOWN_OUTCOME', 'MESSAGE'), false],
    ['an abort', e('EABORTED'), false],
  ])('the next MX host may take the message after %s: %s', (_name, err, may) => {
    expect(nextMxHostMayTry(err)).toBe(may)
  })

  it.each([
    ['a null MX', e('ENULLMX', undefined, 556), 'rejected'],
    ['no such domain', e('ENODOMAIN', undefined, 550), 'rejected'],
    ['no route', e('ENOROUTE', undefined, 550), 'rejected'],
    ['a DNS failure', e('EDNS', undefined, 451, true), 'deferred'],
    ['greylisting', e('EENVELOPE', 'RCPT', 451), 'deferred'],
    ['a 550', e('EENVELOPE', 'RCPT', 550), 'rejected'],
    ['SMTPUTF8 not offered', e('EENVELOPE', 'MAIL', undefined, false), 'rejected'],
    ['a lost connection', e('ECONNECT', 'CONNECT'), 'deferred'],
    ['after the final dot', e('EUNKNOWN_OUTCOME', 'MESSAGE'), 'unknown'],
  ])('a domain after %s is %s', (_name, err, status) => {
    expect(mxDeliveryStatus(err)).toBe(status)
  })
})
