import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { browserPost, contactFile, filled, SITE } from './contact-form.js'

describe('POST /forms/{name} from a browser', () => {
  it('sends the fields through the template to the configured recipients and redirects (303)', async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const res = await app.request('/forms/contact', browserPost(filled))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('https://example.com/thanks')
    expect(mailer.sent).toHaveLength(1)
    const m = mailer.sent[0]!
    expect(m.envelope).toEqual({ from: 'web@example.com', to: ['team@example.com'] })
    const parsed = await simpleParser(Buffer.from(m.raw))
    expect(parsed.subject).toBe('Contact from Ada')
    expect(parsed.text?.trim()).toBe('From: Ada <ada@example.net>\n\nHello there')
    expect(parsed.replyTo?.value[0]?.address).toBe('ada@example.net')
  })

  it('never takes recipients or a sender from the request', async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const res = await app.request('/forms/contact', browserPost({ ...filled, to: 'victim@example.org', from: 'ceo@example.com', cc: 'x@example.org', bcc: 'y@example.org' }))
    expect(res.status).toBe(303)
    expect(mailer.sent[0]!.envelope).toEqual({ from: 'web@example.com', to: ['team@example.com'] })
  })

  it('answers a page of thanks without a redirect, and JSON to a script that asks for it (with CORS for its origin)', async () => {
    const { app } = frontendsApp(contactFile({ redirect: undefined }))
    const page = await app.request('/forms/contact', browserPost(filled))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const json = await app.request('/forms/contact', browserPost(filled, { Accept: 'application/json' }))
    expect(json.status).toBe(200)
    expect(await json.json()).toEqual({ ok: true })
    expect(json.headers.get('access-control-allow-origin')).toBe(SITE)
  })

  it('logs the message id of the form it sent', async () => {
    const { app, logs } = frontendsApp(contactFile())
    await app.request('/forms/contact', browserPost(filled))
    expect(logs[0]).toMatchObject({ path: '/forms/contact', status: 303, message_id: expect.stringMatching(/^<.+@example\.com>$/) })
  })
})
