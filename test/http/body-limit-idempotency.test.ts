import { describe, expect, it } from 'vitest'
import { postJson, postJsonStream, testApp, validMail } from './fake-mailer.js'

/** The idempotency middleware reads the body to fingerprint it: through the body limit, never around it. */
describe('an over-limit body with an Idempotency-Key', () => {
  it('answers 413 (streamed, no Content-Length) without claiming the key, so a fitting retry with that key is sent', async () => {
    const { app, mailer, logs } = testApp({ maxBodyBytes: 1000 })
    const res = await app.request('/send', postJsonStream({ ...validMail(), text: 'x'.repeat(3000) }, { 'Idempotency-Key': 'big-then-small' }))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' })
    expect(logs.at(-1)).toMatchObject({ status: 413, error_code: 'payload_too_large' })

    const retry = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'big-then-small' }))
    expect(retry.status).toBe(200)
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull()
    expect(mailer.sent).toHaveLength(1)
  })

  it('answers 413 from Content-Length alone before the key is looked at', async () => {
    const { app, mailer } = testApp({ maxBodyBytes: 1000 })
    const body = JSON.stringify({ ...validMail(), text: 'x'.repeat(3000) })
    const res = await app.request('/send', postJson(body, { 'Content-Length': String(body.length), 'Idempotency-Key': 'k' }))
    expect(res.status).toBe(413)
    expect((await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k' }))).status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })
})
