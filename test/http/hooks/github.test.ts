import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { githubSignature, hookEnv, hookFile, issuePayload, post } from './hook-config.js'

const body = JSON.stringify(issuePayload)

describe('a GitHub hook (X-Hub-Signature-256)', () => {
  it('renders the template from the payload and mails the configured recipients', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const res = await app.request('/hooks/github-issues', post(body, { 'X-Hub-Signature-256': githubSignature(body), 'X-GitHub-Event': 'issues' }))
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toMatchObject({ sent: true, queue_id: 'QID123' })
    const m = mailer.sent[0]!
    expect(m.envelope).toEqual({ from: 'ci@example.com', to: ['dev@example.com'] })
    const parsed = await simpleParser(Buffer.from(m.raw))
    expect(parsed.messageId).toBe(answer.message_id)
    expect(parsed.subject).toBe('[acme/app] opened: Crash on <start>')
    expect(parsed.text?.trim()).toBe('ada opened #7: https://github.com/acme/app/issues/7')
  })

  it.each([
    ['a wrong signature', { 'X-Hub-Signature-256': githubSignature(body, 'not-the-secret') }, 'The X-Hub-Signature-256 signature does not match the body.'],
    ['a signature of another body', { 'X-Hub-Signature-256': githubSignature(`${body} `) }, 'The X-Hub-Signature-256 signature does not match the body.'],
    ['no signature', {}, 'The X-Hub-Signature-256 header is missing.'],
    ['a malformed signature', { 'X-Hub-Signature-256': 'sha1=abc' }, 'The X-Hub-Signature-256 signature does not match the body.'],
  ])('answers %s with 401 invalid_signature and sends nothing', async (_, headers: Record<string, string>, detail) => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const res = await app.request('/hooks/github-issues', post(body, { ...headers, 'X-GitHub-Event': 'issues' }))
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ code: 'invalid_signature', detail })
    expect(mailer.sent).toHaveLength(0)
  })

  it('acknowledges ping and events outside `events` without sending', async () => {
    const { app, mailer } = frontendsApp(hookFile({ 'github-issues': { ...hookFile().hooks['github-issues'], events: ['issues'] } }), hookEnv)
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 })
    const pinged = await app.request('/hooks/github-issues', post(ping, { 'X-Hub-Signature-256': githubSignature(ping), 'X-GitHub-Event': 'ping' }))
    expect(await pinged.json()).toEqual({ sent: false, ignored: 'event "ping" is not one this hook mails' })
    const pushed = await app.request('/hooks/github-issues', post(body, { 'X-Hub-Signature-256': githubSignature(body), 'X-GitHub-Event': 'push' }))
    expect(pushed.status).toBe(200)
    expect((await pushed.json()).sent).toBe(false)
    expect(mailer.sent).toHaveLength(0)
  })

  it("takes GitHub's urlencoded content type (payload=<json>), signed over the raw body", async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const form = new URLSearchParams({ payload: body }).toString()
    const res = await app.request('/hooks/github-issues', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Hub-Signature-256': githubSignature(form), 'X-GitHub-Event': 'issues' },
      body: form,
    })
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('answers 422 naming the field when the payload lacks one the template needs', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const partial = JSON.stringify({ ...issuePayload, issue: { number: 7 } })
    const res = await app.request('/hooks/github-issues', post(partial, { 'X-Hub-Signature-256': githubSignature(partial), 'X-GitHub-Event': 'issues' }))
    expect(res.status).toBe(422)
    expect((await res.json()).errors[0].path).toBe('data.issue.title')
    expect(mailer.sent).toHaveLength(0)
  })
})
