import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { readFileSync } from 'node:fs'
import { useTempDir } from '../../helpers/fixture.js'
import { configIssues } from '../config-error.js'

const SECRET = 'sk_live_do_not_print_me'
const inline = (file: unknown, env: Record<string, string> = {}) => configIssues({ MAILBRIDGE_CONFIG: JSON.stringify(file), ...env })

describe('a bad MAILBRIDGE_CONFIG stops startup with one line per problem', () => {
  it('lists every problem at once, each naming where it is in the file', () => {
    const lines = inline(
      {
        keys: [
          { name: 'ok', secret: 'env:UNSET_KEY' },
          { name: 'browser', secret: 'env:B', origins: ['https://app.example.com'] },
          { name: 'wide', secret: 'env:W', senders: ['@other.example'] },
          { name: 'bad name!', secret: 'env:X' },
        ],
        templates: { t: { subject: '{{ x | nope }}', text: 'x' }, empty: { subject: 's' } },
        forms: { contact: { to: ['not an address'], template: 'missing', origins: ['https://example.com'] } },
        hooks: { h: { verify: { scheme: 'sha1', secret: 'env:H' }, to: ['a@example.com'], template: 't' } },
        extra: true,
      },
      { B: 'b-key', W: 'w-key', ALLOWED_SENDERS: '@example.com' },
    )
    expect(lines.every((l) => l.startsWith('MAILBRIDGE_CONFIG: '))).toBe(true)
    // The shape is checked first: shape problems are all reported, then nothing else.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('keys[3].name: must be 1 to 64 letters'),
        expect.stringContaining('templates.empty: needs html, text, html_file or text_file'),
        expect.stringContaining('forms.contact.to[0]: "not an address" is not an address'),
        expect.stringContaining('hooks.h.verify'),
        expect.stringContaining('Unrecognized key: "extra"'),
      ]),
    )
  })

  it('reports what refers to what once the shape is right', () => {
    const lines = inline(
      {
        keys: [
          { name: 'ok', secret: 'env:UNSET_KEY' },
          { name: 'browser', secret: 'env:B', origins: ['https://app.example.com'] },
          { name: 'wide', secret: 'env:W', senders: ['@other.example', 'ops@example.com'] },
        ],
        templates: { t: { subject: '{{ x | nope }}', text: 'x' } },
        forms: { contact: { to: ['team@example.com'], template: 'missing', origins: ['https://example.com'] } },
        hooks: { h: { verify: { scheme: 'standard-webhooks', secret: 'env:H' }, to: ['a@example.com'], from: 'x@elsewhere.example', template: 't' } },
      },
      { B: 'b-key', W: 'w-key', H: 'not base64!', ALLOWED_SENDERS: '@example.com' },
    )
    expect(lines).toEqual([
      'MAILBRIDGE_CONFIG: keys[0].secret: env:UNSET_KEY is unset or empty',
      'MAILBRIDGE_CONFIG: keys[1]: a key with origins is a browser key anyone can read; give it recipients too, or it lets anyone mail anyone',
      'MAILBRIDGE_CONFIG: keys[2].senders[0]: "@other.example" is not within ALLOWED_SENDERS, which a key can narrow but not widen',
      'MAILBRIDGE_CONFIG: templates.t.subject: undefined filter: nope, line:1, col:1',
      'MAILBRIDGE_CONFIG: forms.contact.template: there is no template "missing"',
      'MAILBRIDGE_CONFIG: forms.contact.from: is required (no DEFAULT_FROM is set)',
      'MAILBRIDGE_CONFIG: hooks.h.from: "x@elsewhere.example" is not allowed by ALLOWED_SENDERS',
      'MAILBRIDGE_CONFIG: hooks.h.verify.secret: the value of env:H is not a Standard Webhooks secret (whsec_ and base64)',
    ])
  })

  it('never prints a secret: not one written in the file by mistake, nor a variable a secret is read from', () => {
    const lines = inline({ keys: [{ name: 'a', secret: SECRET }, { name: 'b', secret: 'env:SPACEY' }] }, { SPACEY: `${SECRET} with spaces` })
    expect(lines).toEqual([
      'MAILBRIDGE_CONFIG: keys[0].secret: must be env:NAME (read from a variable) or sha256:<64 hex digits>; the secret itself never goes in the file',
    ])
    const second = inline({ keys: [{ name: 'b', secret: 'env:SPACEY' }] }, { SPACEY: `${SECRET} with spaces` })
    expect(second).toEqual(['MAILBRIDGE_CONFIG: keys[0].secret: the value of env:SPACEY contains spaces, control or non-ASCII characters'])
    expect([...lines, ...second].join('\n')).not.toContain('do_not_print')
  })

  it('says where JSON is broken without quoting it', () => {
    const lines = configIssues({ MAILBRIDGE_CONFIG: `{"keys": [{"name": "a", "secret": "${SECRET}",}]}` })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^MAILBRIDGE_CONFIG: is not valid JSON/)
    expect(lines[0]).not.toContain('do_not_print')
  })

  it('refuses a path where no file can be read (Workers) and says to give the JSON itself', () => {
    expect(configIssues({ MAILBRIDGE_CONFIG: '/etc/mailbridge.yaml' })).toEqual([
      'MAILBRIDGE_CONFIG: names a file, but this runtime reads no files: set the JSON itself as the value',
    ])
  })

  describe('files', () => {
    const dir = useTempDir('mailbridge-config-errors-')
    const options = { readFile: (p: string) => readFileSync(p, 'utf8'), parseYaml }

    it('names a missing file and a missing template file', () => {
      expect(configIssues({ MAILBRIDGE_CONFIG: join(dir(), 'nope.yaml') }, options)).toEqual([
        `MAILBRIDGE_CONFIG: cannot read ${JSON.stringify(join(dir(), 'nope.yaml'))} (ENOENT)`,
      ])
      writeFileSync(join(dir(), 'c.yaml'), 'templates:\n  t:\n    subject: s\n    html_file: t.html\n')
      expect(configIssues({ MAILBRIDGE_CONFIG: join(dir(), 'c.yaml') }, options)).toEqual([
        `MAILBRIDGE_CONFIG: templates.t.html_file: cannot read ${JSON.stringify(join(dir(), 't.html'))} (ENOENT)`,
      ])
    })

    it('says where YAML is broken, in one line', () => {
      writeFileSync(join(dir(), 'broken.yaml'), `keys:\n  - name: a\n    secret: [${SECRET}\n`)
      const lines = configIssues({ MAILBRIDGE_CONFIG: join(dir(), 'broken.yaml') }, options)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^MAILBRIDGE_CONFIG: is not valid YAML: .*line \d+/)
      expect(lines[0]).not.toContain('do_not_print')
    })
  })
})

describe('keys that share a secret', () => {
  it('are refused by value, whatever the variables are called, and never echo it', () => {
    const lines = inline(
      { keys: [{ name: 'web', secret: 'env:PUBLIC_KEY', origins: ['https://app.example.com'], recipients: ['@example.org'] }, { name: 'server', secret: 'env:SERVER_KEY' }] },
      { PUBLIC_KEY: SECRET, SERVER_KEY: SECRET },
    )
    expect(lines).toEqual(['MAILBRIDGE_CONFIG: keys[1].secret: another key has the same secret'])
    expect(lines.join()).not.toContain(SECRET)
  })

  it('are told apart when only the case of their variable names differs', () => {
    expect(inline({ keys: [{ name: 'a', secret: 'env:KEY' }, { name: 'b', secret: 'env:key' }] }, { KEY: 'first-secret-123', key: 'second-secret-45' })).toEqual([])
  })
})
