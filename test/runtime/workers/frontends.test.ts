import { createHmac } from 'node:crypto'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { postJson } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const KEY = 'pk-worker-scoped'
const HOOK_SECRET = 'worker-hook-secret'

/** MAILBRIDGE_CONFIG as a Worker takes it: the JSON itself, secrets from other bindings. */
const CONFIG = JSON.stringify({
  keys: [{ name: 'site', secret: 'env:SITE_KEY', recipients: ['@example.org'], senders: ['@example.com'] }],
  templates: {
    welcome: { subject: 'Welcome, {{ name }}', html: '<h1>Hi {{ name }}</h1><p>{% for f in features %}{{ f | upcase }} {% endfor %}</p>' },
    issue: { subject: '[{{ repository.full_name }}] {{ issue.title }}', text: '{{ sender.login }} opened #{{ issue.number }}' },
  },
  hooks: { gh: { verify: { scheme: 'github', secret: 'env:GH_SECRET' }, to: ['dev@example.org'], from: 'CI <ci@example.com>', template: 'issue' } },
})

/**
 * dist/worker.js on workerd with MAILBRIDGE_CONFIG: a scoped key sends
 * through a Liquid template (which must render without eval, which workerd
 * forbids), and a GitHub hook is verified with Web Crypto and mailed.
 */
describe('dist/worker.js on workerd: scoped keys, templates and hooks', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const workerd = useStarted(
    () => startWorkerd(`${bundle().dir}/worker.js`, { site: { vars: { ...relayVariables(relay()), MAILBRIDGE_CONFIG: CONFIG, SITE_KEY: KEY, GH_SECRET: HOOK_SECRET } } }),
    (w) => w.stop(),
  )

  it('sends through a template with a scoped key, and refuses a recipient outside its scope', async () => {
    const url = `${workerd().urls.site}/send`
    const body = { from: 'App <app@example.com>', to: 'bob@example.org', template: 'welcome', data: { name: 'Bob <3', features: ['fast', 'safe'] } }
    const res = await postJson(url, body, { apiKey: KEY })
    const answer = (await res.json()) as { message_id: string; queue_id: string }
    expect(res.status, JSON.stringify(answer)).toBe(200)
    const m = relay().received.find((r) => r.queueId === answer.queue_id)!
    const parsed = await simpleParser(m.raw)
    expect(parsed.messageId).toBe(answer.message_id)
    expect(parsed.subject).toBe('Welcome, Bob <3')
    expect(parsed.html).toContain('<h1>Hi Bob &lt;3</h1><p>FAST SAFE </p>')
    expect(parsed.text?.trim()).toBe('Hi Bob <3\n\nFAST SAFE')

    const refused = await postJson(url, { ...body, to: 'eve@example.net' }, { apiKey: KEY })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: string }).code).toBe('recipient_not_allowed')
    const missing = await postJson(url, { ...body, data: { features: [] } }, { apiKey: KEY })
    expect(missing.status).toBe(422)
    expect(((await missing.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('data.name')
  })

  it('verifies a GitHub hook and mails the rendered payload; a wrong signature sends nothing', async () => {
    const payload = JSON.stringify({ issue: { number: 9, title: 'It broke' }, repository: { full_name: 'acme/app' }, sender: { login: 'ada' } })
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`
    const url = `${workerd().urls.site}/hooks/gh`
    const before = relay().received.length
    const bad = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': sign('wrong') }, body: payload })
    expect(bad.status).toBe(401)
    expect(relay().received.length).toBe(before)
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': sign(HOOK_SECRET) }, body: payload })
    const answer = (await res.json()) as { sent: boolean; queue_id: string }
    expect(res.status, JSON.stringify(answer)).toBe(200)
    expect(answer.sent).toBe(true)
    const m = relay().received.find((r) => r.queueId === answer.queue_id)!
    expect(m.to).toEqual(['dev@example.org'])
    expect((await simpleParser(m.raw)).subject).toBe('[acme/app] It broke')
  })

  it("logs the key's name and the configuration at startup, and no error", () => {
    const events = workerd().proc.events()
    expect(events).toContainEqual(expect.objectContaining({ msg: 'MAILBRIDGE_CONFIG: 1 key (site), 2 templates, 0 forms, 1 hook' }))
    expect(events).toContainEqual(expect.objectContaining({ path: '/send', status: 200, key: 'site' }))
    expect(JSON.stringify(events)).not.toContain(KEY)
    expect(workerd().proc.stderr()).not.toMatch(/error|uncaught|unhandled|EvalError|code generation/i)
  })
})
