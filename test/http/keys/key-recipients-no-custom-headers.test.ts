import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

const APP = 'https://app.example.com'

/** Some relays take recipients from a header (SendGrid's X-SMTPAPI): a key held to some recipients may set no custom header, or it would be an open relay there. */
describe('a key limited to certain recipients', () => {
  const file = {
    keys: [
      { name: 'web', secret: 'env:WEB', origins: [APP], recipients: ['@example.org'] },
      { name: 'server', secret: 'env:SERVER' },
    ],
  }
  const env = { WEB: 'pk_web', SERVER: 'sk_server' }
  const smtpapi = { 'X-SMTPAPI': '{"to":["victim@evil.test"]}' }

  it('is refused custom headers: 422 at headers, and nothing is sent', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const res = await app.request('/send', withKey('pk_web', { ...validMail(), headers: smtpapi }, { Origin: APP }))
    expect(res.status).toBe(422)
    expect((await res.json()).errors).toEqual([{ path: 'headers', message: 'A key limited to certain recipients may not set custom headers: some relays take recipients from them.' }])
    expect(mailer.sent).toHaveLength(0)
  })

  it('a key without a recipients rule still sets them', async () => {
    const { app, mailer } = frontendsApp(file, env)
    expect((await app.request('/send', withKey('sk_server', { ...validMail(), headers: smtpapi }))).status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })
})
