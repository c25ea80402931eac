import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe("a key's recipients", () => {
  const file = { keys: [{ name: 'internal', secret: 'env:K', recipients: ['@example.org', 'ops@example.net'] }] }

  it('lets through a message whose every to, cc and bcc matches', async () => {
    const { app, mailer } = frontendsApp(file, { K: 'k1' })
    const res = await app.request('/send', withKey('k1', { ...validMail(), to: ['a@EXAMPLE.org', 'Ops <ops@example.net>'], cc: { email: 'c@example.org' }, bcc: 'd@example.org' }))
    expect(res.status).toBe(200)
    expect(mailer.sent[0]!.envelope.to).toEqual(['a@EXAMPLE.org', 'ops@example.net', 'c@example.org', 'd@example.org'])
  })

  it.each([
    ['to', { to: ['a@example.org', 'x@elsewhere.example'] }, 'x@elsewhere.example'],
    ['cc', { cc: 'other@example.net' }, 'other@example.net'],
    ['bcc', { bcc: ['sub@mail.example.org'] }, 'sub@mail.example.org'],
  ])('refuses a message with one other address in %s: 403 recipient_not_allowed, nothing sent', async (_, fields, refused) => {
    const { app, mailer } = frontendsApp(file, { K: 'k1' })
    const res = await app.request('/send', withKey('k1', { ...validMail(), to: 'a@example.org', ...fields }))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'recipient_not_allowed', detail: `This key may not send to ${refused}.` })
    expect(mailer.sent).toHaveLength(0)
  })

  it('holds /send/batch items to it one by one', async () => {
    const { app, mailer } = frontendsApp(file, { K: 'k1' })
    const res = await app.request('/send/batch', withKey('k1', [{ ...validMail(), to: 'a@example.org' }, { ...validMail(), to: 'x@elsewhere.example' }]))
    const { results } = await res.json()
    expect(results.map((r: { code?: string; message_id?: string }) => r.code ?? 'sent')).toEqual(['sent', 'recipient_not_allowed'])
    expect(mailer.sent).toHaveLength(1)
  })
})
