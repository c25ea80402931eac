import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { postJson } from '../fake-mailer.js'

const file = {
  templates: {
    welcome: { subject: 'Welcome, {{ name }}', html: '<h1>Hi {{ name }}</h1><p>Your plan: {{ plan.name }}</p><ul>{% for f in plan.features %}<li>{{ f }}</li>{% endfor %}</ul>' },
    note: { subject: 'Note for {{ name }}', text: 'Dear {{ name }},\n{{ body }}' },
  },
}
const base = { from: 'App <app@example.com>', to: 'bob@example.org' }

describe('POST /send with template and data', () => {
  it('renders subject, html (escaped) and a text part derived from the html', async () => {
    const { app, mailer } = frontendsApp(file)
    const data = { name: 'Bob <& Co>', plan: { name: 'Pro', features: ['Fast', 'Safe'] } }
    const res = await app.request('/send', postJson({ ...base, template: 'welcome', data }))
    expect(res.status).toBe(200)
    const parsed = await simpleParser(Buffer.from(mailer.sent[0]!.raw))
    expect(parsed.subject).toBe('Welcome, Bob <& Co>')
    expect(parsed.html).toContain('<h1>Hi Bob &lt;&amp; Co&gt;</h1>')
    expect(parsed.text?.trim()).toBe('Hi Bob <& Co>\n\nYour plan: Pro\n\n- Fast\n- Safe')
  })

  it('renders a text-only template with nothing escaped, and no html part', async () => {
    const { app, mailer } = frontendsApp(file)
    const res = await app.request('/send', postJson({ ...base, template: 'note', data: { name: 'Ada', body: '<b>not html</b> & fine' } }))
    expect(res.status).toBe(200)
    const parsed = await simpleParser(Buffer.from(mailer.sent[0]!.raw))
    expect(parsed.subject).toBe('Note for Ada')
    expect(parsed.text?.trim()).toBe('Dear Ada,\n<b>not html</b> & fine')
    expect(parsed.html).toBe(false)
  })

  it('renders each /send/batch item with its own data', async () => {
    const { app, mailer } = frontendsApp(file)
    const res = await app.request('/send/batch', postJson([1, 2].map((n) => ({ ...base, template: 'note', data: { name: `N${n}`, body: 'x' } }))))
    expect(res.status).toBe(200)
    const subjects = await Promise.all(mailer.sent.map(async (m) => (await simpleParser(Buffer.from(m.raw))).subject))
    expect(subjects.sort()).toEqual(['Note for N1', 'Note for N2'])
  })
})
