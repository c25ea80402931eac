import { describe, expect, it } from 'vitest'
import { SmtpError, type SmtpErrorCode, type SmtpErrorOptions } from '../../src/smtp/errors.js'
import { RETRY_AFTER_SECONDS } from '../../src/http/smtp-problem.js'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

type Case = [string, SmtpErrorCode, SmtpErrorOptions, number, string]

const cases: Case[] = [
  ['550 on MAIL', 'EENVELOPE', { responseCode: 550, enhancedCode: '5.7.1', command: 'MAIL', response: '550 5.7.1 Sender rejected' }, 422, 'smtp_rejected'],
  ['550 on every RCPT', 'EENVELOPE', { responseCode: 550, enhancedCode: '5.1.1', command: 'RCPT', response: '550 5.1.1 No such user' }, 422, 'smtp_rejected'],
  ['554 at the final dot', 'EMESSAGE', { responseCode: 554, enhancedCode: '5.6.0', command: 'MESSAGE', response: '554 5.6.0 Content rejected' }, 422, 'smtp_rejected'],
  ['a local envelope refusal (no reply)', 'EENVELOPE', { command: 'RCPT' }, 422, 'smtp_rejected'],
  ['552 message too large', 'ESIZE', { responseCode: 552, enhancedCode: '5.3.4', command: 'MESSAGE', response: '552 5.3.4 Message too big' }, 413, 'payload_too_large'],
  ['over the advertised SIZE', 'ESIZE', {}, 413, 'payload_too_large'],
  ['connection refused', 'ECONNECT', { command: 'CONNECT' }, 502, 'relay_unavailable'],
  ['TLS failure', 'ETLS', { command: 'STARTTLS' }, 502, 'relay_unavailable'],
  ['535 authentication failed', 'EAUTH', { responseCode: 535, enhancedCode: '5.7.8', command: 'AUTH', response: '535 5.7.8 Authentication credentials invalid' }, 502, 'relay_unavailable'],
  ['protocol violation', 'EPROTOCOL', { command: 'GREETING', response: 'HTTP/1.1 400 Bad Request' }, 502, 'relay_unavailable'],
  ['451 on RCPT', 'EENVELOPE', { responseCode: 451, enhancedCode: '4.3.0', command: 'RCPT', response: '451 4.3.0 Try again later' }, 503, 'relay_busy'],
  ['421 greeting', 'ECONNECT', { responseCode: 421, command: 'GREETING', response: '421 Too many connections' }, 503, 'relay_busy'],
  ['452 at the final dot', 'EMESSAGE', { responseCode: 452, enhancedCode: '4.3.1', command: 'MESSAGE', response: '452 4.3.1 Insufficient storage' }, 503, 'relay_busy'],
  ['454 temporary auth failure', 'EAUTH', { responseCode: 454, enhancedCode: '4.7.0', command: 'AUTH', response: '454 4.7.0 Temporary authentication failure' }, 503, 'relay_busy'],
  ['a full pool', 'EBUSY', {}, 503, 'relay_busy'],
  ['an abort on shutdown', 'EABORTED', {}, 503, 'relay_busy'],
  ['a timeout before hand-over', 'ETIMEOUT', { command: 'RCPT' }, 504, 'relay_timeout'],
  ['a lost connection after the dot', 'EUNKNOWN_OUTCOME', { command: 'MESSAGE' }, 504, 'delivery_unknown'],
]

describe('SMTP failures', () => {
  it('explains a refusal the client made itself (no relay reply) in detail', async () => {
    const { app, mailer } = testApp()
    mailer.failWith(new SmtpError('EENVELOPE', 'an address needs SMTPUTF8, which the SMTP relay does not offer', { command: 'MAIL', transient: false }))
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.code).toBe('smtp_rejected')
    expect(body.detail).toContain('SMTPUTF8')
  })


  it.each(cases)('%s (%s) → %i %s', async (_, code, options, status, problemCode) => {
    const { app, mailer, logs } = testApp()
    mailer.failWith(new SmtpError(code, 'internal detail: 10.0.0.1:587', options))
    const local = options.responseCode === undefined && (problemCode === 'smtp_rejected' || problemCode === 'payload_too_large')
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    const body = await res.json()
    expect(body).toMatchObject({ type: 'about:blank', status, code: problemCode })
    expect(body.smtp).toEqual({
      code: options.responseCode ?? null,
      enhanced_code: options.enhancedCode ?? null,
      command: options.command ?? null,
      response: options.response ?? null,
    })
    if (!local) expect(JSON.stringify(body)).not.toContain('10.0.0.1')
    if (problemCode === 'relay_busy') {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS))
    }
    else expect(res.headers.get('retry-after')).toBeNull()
    expect(logs.at(-1)).toMatchObject({ status, error_code: problemCode })
  })
})
