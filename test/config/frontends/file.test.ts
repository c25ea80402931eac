import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { loadConfig } from '../../../src/config/load.js'
import { createTemplateEngine } from '../../../src/mail/template.js'
import { useTempDir } from '../../helpers/fixture.js'

const read = (path: string) => readFileSync(path, 'utf8')

const YAML_FILE = `
keys:
  - name: backend
    secret: env:BACKEND_KEY
    senders: ["@example.com"]
    rate_limit_per_minute: 600
  - name: website
    secret: sha256:${'AB'.repeat(32)}
    recipients: ["@example.com"]
    origins: ["https://app.example.com/"]
    test: true
templates:
  welcome:
    subject: "Welcome, {{ name }}"
    html_file: templates/welcome.html
forms:
  contact:
    to: ["team@example.com"]
    from: "Website <web@example.com>"
    template: welcome
    origins: ["https://example.com"]
    honeypot: website
    reply_to_field: email
    redirect: "https://example.com/thanks"
hooks:
  github-issues:
    verify: { scheme: github, secret: env:GH_WEBHOOK_SECRET }
    to: ["dev@example.com"]
    from: "CI <ci@example.com>"
    template: welcome
`

describe('MAILBRIDGE_CONFIG names a YAML file', () => {
  const dir = useTempDir('mailbridge-config-')

  it('loads keys, templates (files relative to it), forms and hooks, with secrets from variables', () => {
    mkdirSync(join(dir(), 'templates'))
    writeFileSync(join(dir(), 'templates/welcome.html'), '<p>Hi {{ name }}</p>')
    writeFileSync(join(dir(), 'mailbridge.yaml'), YAML_FILE)
    const env = { MAILBRIDGE_CONFIG: join(dir(), 'mailbridge.yaml'), BACKEND_KEY: 'backend-secret', GH_WEBHOOK_SECRET: 'gh-secret', ALLOWED_SENDERS: '@example.com' }
    const config = loadConfig(env, { readFile: read, parseYaml, templateEngine: createTemplateEngine() })
    const f = config.frontends!
    expect(f.keys).toEqual([
      { name: 'backend', secret: { value: 'backend-secret' }, senders: ['@example.com'], recipients: undefined, origins: undefined, rateLimitPerMinute: 600, test: false },
      { name: 'website', secret: { sha256: 'ab'.repeat(32) }, senders: undefined, recipients: ['@example.com'], origins: ['https://app.example.com'], rateLimitPerMinute: undefined, test: true },
    ])
    expect(f.templates.welcome!.render({ name: 'Ada' })).toEqual({ subject: 'Welcome, Ada', html: '<p>Hi Ada</p>', text: 'Hi Ada' })
    expect(f.forms.contact).toMatchObject({ to: ['team@example.com'], template: 'welcome', origins: ['https://example.com'], honeypot: 'website', replyToField: 'email', rateLimitPerMinute: 10 })
    expect(f.hooks['github-issues']).toMatchObject({ verify: { scheme: 'github', secret: 'gh-secret' }, to: ['dev@example.com'] })
    // The variables the file reads are not "unknown variables".
    expect(config.warnings.join('\n')).not.toMatch(/BACKEND_KEY|GH_WEBHOOK_SECRET/)
  })

  it('takes the JSON itself as the value (for Workers), without reading any file', () => {
    const json = JSON.stringify({ keys: [{ name: 'k', secret: 'env:K' }], templates: { t: { subject: 's', text: 'x' } } })
    const config = loadConfig({ MAILBRIDGE_CONFIG: json, K: 'k-secret' }, { templateEngine: createTemplateEngine() })
    expect(config.frontends?.keys.map((k) => k.name)).toEqual(['k'])
    expect(config.frontends?.templates.t!.render({})).toEqual({ subject: 's', text: 'x' })
  })

  it('reads a .json file as JSON', () => {
    writeFileSync(join(dir(), 'c.json'), JSON.stringify({ templates: { t: { subject: 's', text: 'x' } } }))
    expect(loadConfig({ MAILBRIDGE_CONFIG: join(dir(), 'c.json') }, { readFile: read, templateEngine: createTemplateEngine() }).frontends?.templates).toHaveProperty('t')
  })

  it('leaves frontends undefined without the variable, and API_KEYS alone works as before', () => {
    const config = loadConfig({ API_KEYS: 'a,b' })
    expect(config.frontends).toBeUndefined()
    expect(config.apiKeys).toEqual(['a', 'b'])
  })
})
