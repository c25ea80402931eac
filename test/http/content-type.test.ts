import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, testApp, validMail } from './fake-mailer.js'

describe('content type', () => {
  it.each([
    ['missing', undefined],
    ['text/plain', 'text/plain'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['a +json type', 'application/merge-patch+json'],
  ])('answers 415 when the content type is %s, never a silent empty body', async (_, type) => {
    const { app, mailer } = testApp({ defaultFrom: 'app@example.com' })
    const headers: Record<string, string> = type ? { 'Content-Type': type } : {}
    const res = await app.request('/send', { method: 'POST', headers, body: JSON.stringify(validMail()) })
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ status: 415, code: 'unsupported_media_type' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 415 for a malformed JSON content type', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset' },
      body: JSON.stringify(validMail()),
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect((await res.json()).code).toBe('unsupported_media_type')
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 415 for a missing content type even with an empty body', async () => {
    const { app } = testApp()
    const res = await app.request('/send', { method: 'POST' })
    expect(res.status).toBe(415)
  })
})
