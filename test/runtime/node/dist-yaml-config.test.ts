import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { startRuntime } from '../support/child.js'

/**
 * `npm start`'s bundle loads the YAML parser from a chunk of its own, only
 * with MAILBRIDGE_CONFIG: a YAML file is read as YAML there too, and a broken
 * one is reported as YAML, not as JSON this runtime cannot read.
 */
describe('dist/index.js with a YAML MAILBRIDGE_CONFIG', () => {
  const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
  const dir = useTempDir('mailbridge-dist-yaml-')

  it('reads the file and starts with its keys', async () => {
    const file = join(dir(), 'mailbridge.yaml')
    writeFileSync(file, 'keys:\n  - name: ci\n    secret: env:CI_KEY\n')
    const proc = startRuntime(process.execPath, [join(bundle().dir, 'index.js')], { PORT: '0', HOST: '127.0.0.1', OUTBOX_DIR: dir(), MAILBRIDGE_CONFIG: file, CI_KEY: 'ci-secret' })
    try {
      const summary = await proc.waitForEvent((e) => String(e.msg).startsWith('MAILBRIDGE_CONFIG:'), 'the MAILBRIDGE_CONFIG line')
      expect(summary.msg).toBe('MAILBRIDGE_CONFIG: 1 key (ci), 0 templates, 0 forms, 0 hooks')
      await proc.waitForEvent((e) => String(e.msg).startsWith('listening on'), 'listening')
    } finally {
      await proc.stop()
    }
  })

  it('says where a broken file is broken, as YAML', async () => {
    const file = join(dir(), 'broken.yaml')
    writeFileSync(file, 'keys: [\n')
    const proc = startRuntime(process.execPath, [join(bundle().dir, 'index.js')], { PORT: '0', MAILBRIDGE_CONFIG: file })
    const code = await new Promise((resolve) => proc.child.once('exit', resolve))
    expect(code).toBe(1)
    expect(proc.stderr()).toMatch(/^mailbridge: cannot start; fix these settings:\nMAILBRIDGE_CONFIG: is not valid YAML: /)
  })
})
