import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.org`)

describe('the number of reply_to addresses', () => {
  it('is at most 10 by default: the 11th is a 422 naming reply_to', async () => {
    const { app, mailer } = testApp()
    expect((await app.request('/send', postJson({ ...validMail(), reply_to: addresses(10) }))).status).toBe(200)
    const res = await app.request('/send', postJson({ ...validMail(), reply_to: addresses(11) }))
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      code: 'validation_error',
      errors: [{ path: 'reply_to', message: expect.stringMatching(/^Too many reply_to addresses: at most 10\b/) }],
    })
    expect(mailer.sent).toHaveLength(1)
  })

  it('follows maxReplyTo, and is reported with the other limits in one answer', async () => {
    const { app } = testApp({ maxReplyTo: 2, maxHeaders: 1, maxRecipients: 1 })
    const res = await app.request('/send', postJson({ ...validMail(), to: addresses(2), reply_to: addresses(3), headers: { 'X-A': '1', 'X-B': '2' } }))
    expect(res.status).toBe(422)
    const { errors } = (await res.json()) as { errors: { path: string }[] }
    expect(errors.map((e) => e.path)).toEqual(['to', 'reply_to', 'headers'])
  })

  it('refuses 100,000 reply_to addresses with one entry', async () => {
    const { app } = testApp()
    const res = await app.request('/send', postJson({ ...validMail(), reply_to: addresses(100_000) }))
    expect(res.status).toBe(422)
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1)
  })
})
