import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { browserPost, contactFile, filled } from './contact-form.js'

const json = { Accept: 'application/json' }

describe('what a form refuses', () => {
  it('a post from another origin, or from no page at all (403), and takes Referer when Origin is absent', async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const evil = await app.request('/forms/contact', browserPost(filled, { ...json, Origin: 'https://evil.example' }))
    expect(evil.status).toBe(403)
    expect((await evil.json()).code).toBe('origin_not_allowed')
    const bare = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...json }, body: new URLSearchParams(filled).toString() }
    expect((await app.request('/forms/contact', bare)).status).toBe(403)
    const referred = await app.request('/forms/contact', { ...bare, headers: { ...bare.headers, Referer: 'https://example.com/contact.html?x=1' } })
    expect(referred.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('a filled honeypot: answered exactly as a success, nothing sent', async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const res = await app.request('/forms/contact', browserPost({ ...filled, website: 'http://spam.example' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('https://example.com/thanks')
    const scripted = await app.request('/forms/contact', browserPost({ ...filled, website: 'x' }, json))
    expect(await scripted.json()).toEqual({ ok: true })
    expect(mailer.sent).toHaveLength(0)
  })

  it('a field the template needs missing: 422 naming it; a browser goes to error_redirect with the code', async () => {
    const { app, mailer } = frontendsApp(contactFile({ error_redirect: 'https://example.com/oops?lang=en' }))
    const { message: _m, ...partial } = filled
    const scripted = await app.request('/forms/contact', browserPost(partial, json))
    expect(scripted.status).toBe(422)
    expect((await scripted.json()).errors).toEqual([{ path: 'data.message', message: 'Template "contact" (text): needs data.message, which is missing.' }])
    const browser = await app.request('/forms/contact', browserPost(partial))
    expect(browser.status).toBe(303)
    expect(browser.headers.get('location')).toBe('https://example.com/oops?lang=en&error=validation_error')
    expect(mailer.sent).toHaveLength(0)
  })

  it('a reply-to field that is not an address (422 at that field)', async () => {
    const { app } = frontendsApp(contactFile())
    const res = await app.request('/forms/contact', browserPost({ ...filled, email: 'a\r\nBcc: x@y.z' }, json))
    expect(res.status).toBe(422)
    expect((await res.json()).errors).toEqual([{ path: 'email', message: 'Must be an email address.' }])
  })

  it('JSON and other bodies (415), and an unknown form (404)', async () => {
    const { app } = frontendsApp(contactFile())
    const res = await app.request('/forms/contact', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://example.com', ...json }, body: JSON.stringify(filled) })
    expect(res.status).toBe(415)
    expect((await app.request('/forms/other', browserPost(filled, json))).status).toBe(404)
  })

  it('every refusal, a guard\'s or the handler\'s, sends a browser to error_redirect with its code, and a script the problem', async () => {
    const { app, mailer } = frontendsApp(contactFile({ error_redirect: 'https://example.com/oops' }))
    const cases: [RequestInit, number, string][] = [
      [browserPost(filled, { Origin: 'https://evil.example' }), 403, 'origin_not_allowed'],
      [browserPost(filled, { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type'],
      [browserPost({ ...filled, email: 'not an address' }), 422, 'validation_error'],
    ]
    for (const [init, status, code] of cases) {
      const browser = await app.request('/forms/contact', init)
      expect([browser.status, browser.headers.get('location')]).toEqual([303, `https://example.com/oops?error=${code}`])
      const scripted = await app.request('/forms/contact', { ...init, headers: { ...init.headers as Record<string, string>, ...json } })
      expect([scripted.status, (await scripted.json()).code]).toEqual([status, code])
    }
    expect(mailer.sent).toHaveLength(0)
  })

  it("more posts per minute from one client than the form's rate limit (429, browser to error_redirect)", async () => {
    const { app, mailer } = frontendsApp(contactFile({ rate_limit_per_minute: 2, error_redirect: 'https://example.com/oops' }))
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/forms/contact', browserPost(filled, json))).status)
    expect(statuses).toEqual([200, 200, 429])
    const browser = await app.request('/forms/contact', browserPost(filled))
    expect(browser.headers.get('location')).toBe('https://example.com/oops?error=rate_limited')
    expect(mailer.sent).toHaveLength(2)
  })
})
