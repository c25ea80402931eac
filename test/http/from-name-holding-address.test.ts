import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

/**
 * With ALLOWED_SENDERS set, a `from` display name that holds an address is
 * refused: readers show the name, so it would claim a sender the policy never saw.
 */
describe('a from display name holding an address', () => {
  const allowedSenders = ['ops@example.com']

  it.each([
    [{ email: 'ops@example.com', name: 'CEO <ceo@evil.example>' }, 'from.name'],
    [{ email: 'ops@example.com', name: 'ceo@evil.example' }, 'from.name'],
    [{ email: 'ops@example.com', name: 'ceo @ evil.example' }, 'from.name'],
    [{ email: 'ops@example.com', name: 'ceo\uff20evil.example' }, 'from.name'],
    ['"CEO <ceo@evil.example>" <ops@example.com>', 'from'],
    ['ceo@evil.example <ops@example.com>', 'from'],
    ['"ceo@evil.example" <ops@example.com>', 'from'],
  ])('refuses %j with 422 at %s, sending nothing', async (from, path) => {
    const { app, mailer } = testApp({ allowedSenders })
    const res = await app.request('/send', postJson({ ...validMail(), from }))
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    const body = (await res.json()) as { code: string; errors: { path: string; message: string }[] }
    expect(body.code).toBe('validation_error')
    expect(body.errors).toEqual([{ path, message: expect.stringContaining('display name contains an address') }])
    expect(mailer.sent).toHaveLength(0)
  })

  it.each([
    { email: 'ops@example.com', name: 'Ops Team' },
    { email: 'ops@example.com', name: 'Ops & Support (24/7)' },
    { email: 'ops@example.com', name: '@ Home' },
    'Ops, Inc. <ops@example.com>',
    'ops@example.com',
  ])('lets %j send', async (from) => {
    const { app, mailer } = testApp({ allowedSenders })
    const res = await app.request('/send', postJson({ ...validMail(), from }))
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('is allowed when ALLOWED_SENDERS is unset (any sender may say anything)', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postJson({ ...validMail(), from: { email: 'ops@example.com', name: 'CEO <ceo@evil.example>' } }))
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('still answers 403 when the envelope sender itself is not allowed', async () => {
    const { app } = testApp({ allowedSenders })
    const res = await app.request('/send', postJson({ ...validMail(), from: { email: 'x@evil.example', name: 'ops@example.com' } }))
    expect(res.status).toBe(403)
  })
})
