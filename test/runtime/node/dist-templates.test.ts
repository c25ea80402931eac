import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { startRuntime } from '../support/child.js'

/**
 * `npm start`'s bundle loads the template engine (liquidjs) from a chunk of
 * its own, only for a MAILBRIDGE_CONFIG with templates: such a file still
 * renders its templates, and a template that does not compile still stops
 * startup naming it.
 */
describe('dist/index.js with templates in MAILBRIDGE_CONFIG', () => {
  const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
  const dir = useTempDir('mailbridge-dist-templates-')

  it('renders a template of the file', async () => {
    const file = join(dir(), 'mailbridge.yaml')
    writeFileSync(file, 'keys:\n  - name: ci\n    secret: env:CI_KEY\ntemplates:\n  welcome:\n    subject: "Welcome, {{ name }}"\n    html: "<p>Hi {{ name }}</p>"\n')
    const outbox = join(dir(), 'outbox')
    const proc = startRuntime(process.execPath, [join(bundle().dir, 'index.js')], { PORT: '0', HOST: '127.0.0.1', OUTBOX_DIR: outbox, MAILBRIDGE_CONFIG: file, CI_KEY: 'ci-secret' })
    try {
      const listening = await proc.waitForEvent((e) => String(e.msg).startsWith('listening on'), 'listening')
      const res = await fetch(`${String(listening.url)}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ci-secret' },
        body: JSON.stringify({ from: 'app@example.com', to: 'ada@example.org', template: 'welcome', data: { name: 'Ada <3' } }),
      })
      expect(res.status, await res.clone().text()).toBe(200)
      await proc.waitForEvent((e) => e.msg === 'message captured', 'the captured message')
      const [eml] = readdirSync(outbox).filter((f) => f.endsWith('.eml'))
      const message = readFileSync(join(outbox, eml!), 'utf8')
      expect(message).toContain('Subject: Welcome, Ada <3')
      expect(message).toContain('<p>Hi Ada &lt;3</p>')
    } finally {
      await proc.stop()
    }
  })

  it('stops on a template that does not compile', async () => {
    const file = join(dir(), 'broken.yaml')
    writeFileSync(file, 'templates:\n  welcome:\n    subject: "Welcome, {{ name"\n    text: x\n')
    const proc = startRuntime(process.execPath, [join(bundle().dir, 'index.js')], { PORT: '0', MAILBRIDGE_CONFIG: file })
    const code = await new Promise((resolve) => proc.child.once('exit', resolve))
    expect(code).toBe(1)
    expect(proc.stderr()).toMatch(/^mailbridge: cannot start; fix these settings:\nMAILBRIDGE_CONFIG: templates\.welcome\.subject: /)
  })
})
