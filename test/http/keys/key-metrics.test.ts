import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe('metrics by key name', () => {
  it("counts each key's requests by name and status, never by secret; forms and hooks count by route", async () => {
    const file = {
      keys: [{ name: 'backend', secret: 'env:BACKEND', recipients: ['@example.org'] }],
      templates: { t: { subject: 's', text: 'x' } },
      forms: { contact: { to: ['a@example.com'], from: 'b@example.com', template: 't', origins: ['https://example.com'] } },
    }
    const { app } = frontendsApp(file, { BACKEND: 'backend-secret' })
    await app.request('/send', withKey('backend-secret', validMail()))
    await app.request('/send', withKey('backend-secret', { ...validMail(), to: 'x@elsewhere.example' }))
    await app.request('/forms/contact', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://example.com', Accept: 'application/json' }, body: 'a=1' })
    const text = await (await app.request('/metrics')).text()
    expect(text).toContain('mailbridge_key_requests_total{key="backend",status="200"} 1')
    expect(text).toContain('mailbridge_key_requests_total{key="backend",status="403"} 1')
    expect(text).toContain('mailbridge_http_requests_total{method="POST",route="/forms/contact",status="200"} 1')
    expect(text).not.toContain('backend-secret')
  })
})
