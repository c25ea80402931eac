import { describe, expect, it, vi } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { SmtpError } from '../../src/smtp/errors.js'
import { fakeMailer, postJson, testApp, validMail } from './fake-mailer.js'

const KEY = 'sk_live_very_secret_key'

describe('request log', () => {
  it('writes one entry per request with the documented fields only', async () => {
    const { app, logs } = testApp({ apiKeys: [KEY] })
    const res = await app.request('/send', postJson(validMail(), { Authorization: `Bearer ${KEY}`, 'X-Request-Id': 'req-42' }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(res.headers.get('x-request-id')).toBe('req-42')
    expect(logs).toHaveLength(1)
    const entry = logs[0]!
    expect(Object.keys(entry).sort()).toEqual(
      ['duration_ms', 'message_id', 'method', 'path', 'queue_id', 'request_id', 'status', 'time'].sort(),
    )
    expect(entry).toMatchObject({
      request_id: 'req-42',
      method: 'POST',
      path: '/send',
      status: 200,
      message_id: body.message_id,
      queue_id: 'QID123',
    })
    expect(new Date(entry.time).toISOString()).toBe(entry.time)
    expect(entry.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('generates a request id when the caller sends none or a malformed one', async () => {
    const { app, logs } = testApp()
    const res = await app.request('/healthz', { headers: { 'X-Request-Id': 'bad id\twith spaces' } })
    const id = res.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(logs[0]!.request_id).toBe(id)
  })

  it('never logs keys, Authorization, passwords or message content', async () => {
    const { app, logs, mailer } = testApp({ apiKeys: [KEY] })
    const mail = { ...validMail(), subject: 'SECRET-SUBJECT', text: 'SECRET-BODY', to: 'SECRET-RCPT@example.org' }
    await app.request('/send', postJson(mail, { Authorization: `Bearer ${KEY}` }))
    await app.request('/send', postJson(mail, { Authorization: 'Bearer wrong-SECRET-KEY' }))
    mailer.failWith(new SmtpError('EAUTH', 'AUTH failed for user=SECRET-USER pass=SECRET-PASS', { responseCode: 535 }))
    await app.request('/send', postJson(mail, { Authorization: `Bearer ${KEY}` }))
    const text = JSON.stringify(logs)
    expect(logs.map((l) => l.status)).toEqual([200, 401, 502])
    expect(logs.map((l) => l.error_code)).toEqual([undefined, 'unauthorized', 'relay_unavailable'])
    for (const secret of [KEY, 'SECRET', 'Bearer', 'example.org', 'ada@']) expect(text).not.toContain(secret)
  })

  it('writes JSON lines to stdout by default', async () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const app = createTestApp({ mailer: fakeMailer() })
      await app.request('/healthz')
      expect(spy).toHaveBeenCalledTimes(1)
      expect(JSON.parse(String(spy.mock.calls[0]![0]))).toMatchObject({ method: 'GET', path: '/healthz', status: 200 })
    } finally {
      spy.mockRestore()
    }
  })
})
