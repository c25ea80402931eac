import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../helpers/fixture.js'
import { startEntry } from './entry-process.js'

describe('the entry with a bad MAILBRIDGE_CONFIG file', () => {
  const dir = useTempDir('mailbridge-bad-config-')

  it('prints one line per problem of the file and exits 1 without listening, quoting no secret', async () => {
    const file = join(dir(), 'mailbridge.yaml')
    writeFileSync(
      file,
      `keys:
  - name: website
    secret: env:WEBSITE_KEY
    origins: ["https://app.example.com"]
forms:
  contact: { to: ["team@example.com"], from: "web@example.com", template: contatc, origins: ["https://example.com"] }
`,
    )
    const entry = startEntry({ PORT: '0', MAILBRIDGE_CONFIG: file, WEBSITE_KEY: 'pk_live_hunter2' })
    expect(await entry.exited).toBe(1)
    expect(entry.stderr().trim().split('\n')).toEqual([
      'mailbridge: cannot start; fix these settings:',
      'MAILBRIDGE_CONFIG: keys[0]: a key with origins is a browser key anyone can read; give it recipients too, or it lets anyone mail anyone',
      'MAILBRIDGE_CONFIG: forms.contact.template: there is no template "contatc"',
    ])
    expect(entry.stderr()).not.toContain('hunter2')
    expect(entry.stdout()).not.toContain('listening')
  })
})
