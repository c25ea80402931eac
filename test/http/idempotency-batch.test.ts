import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

const batch = () => [validMail(), { ...validMail(), to: 'carol@example.org' }]

describe('POST /send/batch with Idempotency-Key', () => {
  it('sends the batch once and replays its response, failed items included', async () => {
    const { app, mailer } = testApp()
    const first = await app.request('/send/batch', postJson(batch(), { 'Idempotency-Key': 'batch-1' }))
    expect(first.status).toBe(200)
    const body = await first.json()
    expect(body.results).toHaveLength(2)
    mailer.failWith(new SmtpError('ECONNECT', 'refused', { command: 'CONNECT' }))
    const again = await app.request('/send/batch', postJson(batch(), { 'Idempotency-Key': 'batch-1' }))
    expect(again.status).toBe(200)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await again.json()).toEqual(body)
    expect(mailer.sent).toHaveLength(2)
  })

  it('treats the same key on /send and /send/batch as different requests: 409 idempotency_key_reused', async () => {
    const { app } = testApp()
    await app.request('/send/batch', postJson([validMail()], { 'Idempotency-Key': 'k' }))
    const res = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k' }))
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'idempotency_key_reused' })
    // The path is part of the fingerprint: the very same bytes on the other route are another request.
    const sameBytes = await app.request('/send', postJson([validMail()], { 'Idempotency-Key': 'k' }))
    expect(sameBytes.status).toBe(409)
    expect(await sameBytes.json()).toMatchObject({ code: 'idempotency_key_reused' })
  })

  it('does not store a batch refused as a whole', async () => {
    const { app, mailer } = testApp()
    const empty = await app.request('/send/batch', postJson([], { 'Idempotency-Key': 'b' }))
    expect(empty.status).toBe(422)
    expect((await app.request('/send/batch', postJson([], { 'Idempotency-Key': 'b' }))).headers.get('Idempotent-Replayed')).toBeNull()
    expect(mailer.sent).toHaveLength(0)
  })

  it('rate-limits /send/batch with the same bucket as /send', async () => {
    const { app } = testApp({ apiKeys: ['k1'], rateLimitPerMinute: 2 })
    const auth = { Authorization: 'Bearer k1' }
    expect((await app.request('/send', postJson(validMail(), auth))).headers.get('RateLimit-Remaining')).toBe('1')
    const res = await app.request('/send/batch', postJson(batch(), auth))
    expect(res.status).toBe(200)
    expect(res.headers.get('RateLimit-Remaining')).toBe('0')
    expect((await app.request('/send/batch', postJson(batch(), auth))).status).toBe(429)
  })
})
