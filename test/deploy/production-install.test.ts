import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../helpers/fixture.js'
import { cleanEnv, run, startJob, type Job } from './commands.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }

/**
 * The production install as an operator does it, from a fresh clone of the
 * committed tree: `npm ci --omit=dev` (through the npm cache), then
 * `npm start`, which builds with esbuild and serves. No dev dependency may be
 * needed, and the install prints nothing about install scripts.
 */
describe('a fresh clone, installed with npm ci --omit=dev', { timeout: 120_000 }, () => {
  const tmp = useTempDir('mailbridge-clone-')
  const app = () => join(tmp(), 'app')
  let install = ''

  beforeAll(async () => {
    const head = (await run('git', ['rev-parse', 'HEAD'], { cwd: ROOT })).output.trim()
    const clone = await run('git', ['clone', '--quiet', '--no-checkout', ROOT, app()])
    expect(clone.code, clone.transcript).toBe(0)
    const checkout = await run('git', ['checkout', '--quiet', '--detach', head], { cwd: app() })
    expect(checkout.code, checkout.transcript).toBe(0)
    const ci = await run('npm', ['ci', '--omit=dev', '--ignore-scripts=false', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: app(),
      timeoutMs: 90_000,
    })
    install = ci.transcript
    expect(ci.code, install).toBe(0)
  }, 120_000)

  it('installs no dev dependency and says nothing about install scripts', async () => {
    expect(install).toMatch(/added \d+ packages/)
    expect(install).not.toMatch(/install-scripts|allowScripts/)
    expect(existsSync(join(app(), 'node_modules', 'hono'))).toBe(true)
    expect(['vitest', 'tsx', 'typescript'].filter((dev) => existsSync(join(app(), 'node_modules', dev)))).toEqual([])
  })

  it('has a working esbuild without its install script', async () => {
    const esbuild = await run('npx', ['--no-install', 'esbuild', '--version'], { cwd: app() })
    expect(esbuild.code, esbuild.transcript).toBe(0)
    expect(esbuild.output.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  describe('npm start', () => {
    const outbox = () => join(tmp(), 'outbox')
    const job = useStarted<Job>(
      async () => startJob('npm', ['start'], { cwd: app(), env: cleanEnv({ PORT: '0', OUTBOX_DIR: outbox() }) }),
      async (j) => {
        j.signal('SIGKILL')
        await j.ended
      },
    )
    let url = ''
    beforeAll(async () => {
      url = (await job().waitFor(/"msg":"listening on (http:\/\/127\.0\.0\.1:\d+)"/, 60_000))[1]!
    }, 90_000)

    it('answers /healthz', async () => {
      const res = await fetch(`${url}/healthz`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
    })

    it('sends POST /send into the capture relay\'s outbox', async () => {
      const res = await fetch(`${url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Ada <ada@example.com>', to: 'bob@example.org', subject: 'From a fresh clone', text: 'It installs.' }),
      })
      const body = (await res.json()) as { queue_id: string }
      expect(res.status, JSON.stringify(body)).toBe(200)
      const eml = await readFile(join(outbox(), `${body.queue_id}.eml`), 'utf8')
      expect(eml).toMatch(/^Subject: From a fresh clone\r$/m)
    })

    it('built the mailbridge command beside it', async () => {
      const version = await run('node', ['dist/cli.js', '--version'], { cwd: app() })
      expect(version.output).toBe(`${pkg.version}\n`)
      const check = await run('npx', ['--no-install', 'mailbridge', 'check'], { cwd: app(), env: cleanEnv({ OUTBOX_DIR: outbox() }) })
      expect(check.code, check.transcript).toBe(0)
      expect(check.output).toContain('mail would go to the built-in capture relay')
    })

    it('stops on SIGTERM', async () => {
      job().signal('SIGTERM')
      await job().ended
      expect(job().output()).toMatch(/"msg":"stopped"/)
    })
  })
})
