import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

describe('ALLOWED_SENDERS', () => {
  const allowedSenders = ['@example.com', 'ops@example.org']

  it.each([
    'ada@example.com',
    'Ada <ada@EXAMPLE.COM>',
    { email: 'ops@Example.Org', name: 'Ops' },
  ])('lets %j send', async (from) => {
    const { app, mailer } = testApp({ allowedSenders })
    const res = await app.request('/send', postJson({ ...validMail(), from }))
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it.each([
    'ada@example.net',
    'ada@sub.example.com',
    'Ops <other@example.org>',
    '"ops@example.org" <evil@evil.example>',
    { email: 'evil@evil.example', name: 'ops@example.org' },
  ])('answers 403 sender_not_allowed for %j', async (from) => {
    const { app, mailer } = testApp({ allowedSenders })
    const res = await app.request('/send', postJson({ ...validMail(), from }))
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ status: 403, code: 'sender_not_allowed' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('matches an internationalized domain written in Unicode', async () => {
    const { app } = testApp({ allowedSenders: ['@bücher.de'] })
    expect((await app.request('/send', postJson({ ...validMail(), from: 'Ada <ada@BÜCHER.de>' }))).status).toBe(200)
    expect((await app.request('/send', postJson({ ...validMail(), from: 'ada@xn--bcher-kva.de' }))).status).toBe(200)
    expect((await app.request('/send', postJson({ ...validMail(), from: 'ada@bucher.de' }))).status).toBe(403)
  })

  it('applies to DEFAULT_FROM as well', async () => {
    const { from: _f, ...rest } = validMail()
    const { app } = testApp({ allowedSenders, defaultFrom: 'app@elsewhere.example' })
    expect((await app.request('/send', postJson(rest))).status).toBe(403)
  })
})
