import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { frontendsApp, withKey } from '../helpers/frontends-app.js'

const doc = readFileSync(new URL('../../docs/frontends.md', import.meta.url), 'utf8')
const file = parseYaml(/```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as { keys: unknown[] }
const env = { BACKEND_KEY: 'sk_backend', WEBSITE_KEY: 'pk_website', SANDBOX_KEY: 'sk_sandbox', GH_WEBHOOK_SECRET: 'gh-secret', HMAC_SECRET: 'hmac-secret', ALLOWED_SENDERS: '@example.com' }

describe('docs/frontends.md: the example file works as the text says', () => {
  it('the backend key sends the welcome template', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const res = await app.request('/send', withKey('sk_backend', { from: 'App <app@example.com>', to: 'bob@example.com', template: 'welcome', data: { name: 'Bob', plan: 'Pro' } }))
    expect(res.status).toBe(200)
    const parsed = await simpleParser(Buffer.from(mailer.sent[0]!.raw))
    expect([parsed.subject, parsed.text?.trim()]).toEqual(['Welcome, Bob', 'Hi Bob, your plan is Pro.'])
  })

  it('the browser key works from its origin and only to its recipients; the sandbox key delivers nothing', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const body = { from: 'app@example.com', to: 'support@example.com', template: 'welcome', data: { name: 'Ada', plan: 'Pro' } }
    expect((await app.request('/send', withKey('pk_website', body, { Origin: 'https://app.example.com' }))).status).toBe(200)
    expect((await app.request('/send', withKey('pk_website', { ...body, to: 'x@example.org' }, { Origin: 'https://app.example.com' }))).status).toBe(403)
    expect((await app.request('/send', withKey('pk_website', body, { Origin: 'https://elsewhere.example' }))).status).toBe(403)
    const sandbox = await (await app.request('/send', withKey('sk_sandbox', body))).json()
    expect(sandbox).toMatchObject({ test: true, smtp_response: 'test key: composed, not delivered' })
    expect(mailer.sent).toHaveLength(1)
  })

  it('the contact form redirects, the GitHub hook and the billing hook (signed as the shell lines do) send', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const form = await app.request('/forms/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://example.com' },
      body: new URLSearchParams({ name: 'Ada', email: 'ada@example.net', message: 'Hi', website: '' }).toString(),
    })
    expect([form.status, form.headers.get('location')]).toEqual([303, 'https://example.com/thanks'])
    const issue = JSON.stringify({ action: 'opened', issue: { number: 3, title: 'Bug', html_url: 'https://github.com/a/b/issues/3' }, repository: { full_name: 'a/b' }, sender: { login: 'ada' } })
    const gh = await app.request('/hooks/github-issues', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', 'gh-secret').update(issue).digest('hex')}` },
      body: issue,
    })
    expect((await gh.json()).sent).toBe(true)
    const body = '{"data":{"id":"in_42","amount":"12.00"}}'
    const billing = await app.request('/hooks/billing', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Signature': `sha256=${createHmac('sha256', 'hmac-secret').update(body).digest('hex')}` },
      body,
    })
    expect(billing.status).toBe(200)
    const subjects = await Promise.all(mailer.sent.map(async (m) => (await simpleParser(Buffer.from(m.raw))).subject))
    expect(subjects).toEqual(['Contact from Ada', '[a/b] Bug', 'Invoice in_42 paid'])
  })
})
