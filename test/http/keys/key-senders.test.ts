import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe("a key's senders narrow ALLOWED_SENDERS", () => {
  const file = { keys: [{ name: 'news', secret: 'env:NEWS', senders: ['news@example.com'] }, { name: 'all', secret: 'env:ALL' }] }
  const env = { NEWS: 'news-key', ALL: 'all-key', ALLOWED_SENDERS: '@example.com' }

  it('refuses a sender ALLOWED_SENDERS allows but the key does not', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const res = await app.request('/send', withKey('news-key', { ...validMail(), from: 'ada@example.com' }))
    expect(res.status).toBe(403)
    expect((await res.json()).code).toBe('sender_not_allowed')
    expect((await app.request('/send', withKey('news-key', { ...validMail(), from: 'News <news@example.com>' }))).status).toBe(200)
    expect(mailer.sent.map((m) => m.envelope.from)).toEqual(['news@example.com'])
  })

  it('leaves a key without senders to ALLOWED_SENDERS', async () => {
    const { app } = frontendsApp(file, env)
    expect((await app.request('/send', withKey('all-key', { ...validMail(), from: 'ada@example.com' }))).status).toBe(200)
    expect((await app.request('/send', withKey('all-key', { ...validMail(), from: 'ada@elsewhere.example' }))).status).toBe(403)
  })
})
