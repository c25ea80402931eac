import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { RELAY_PASS, RELAY_USER, startTestRelay } from '../../http/e2e/relay.js'
import { runCli } from './cli-process.js'
import { startEntry } from './entry-process.js'

const CA = new URL('../../fixtures/tls/cert.pem', import.meta.url).pathname

/** `mailbridge check` as a child process against a real STARTTLS + AUTH relay on 127.0.0.1. */
describe('mailbridge check', () => {
  const relay = useStarted(startTestRelay, (r) => r.stop())
  const env = (pass: string) => ({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(relay().port),
    SMTP_USER: RELAY_USER,
    SMTP_PASS: pass,
    SMTP_TLS_CA_FILE: CA,
  })

  it('exits 0 when the relay takes our credentials, and sends nothing', async () => {
    const before = relay().authenticated
    const result = await runCli(['check'], env(RELAY_PASS))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^configuration ok$/m)
    expect(result.stdout).toMatch(/^relay ok: 127\.0\.0\.1:\d+ answered \(starttls, AUTH\)$/m)
    expect(relay().authenticated).toBe(before + 1)
    expect(relay().received).toHaveLength(0)
  })

  it('exits 1 with the cause when the relay refuses the password, which never appears', async () => {
    const result = await runCli(['check'], env('wrong-password'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/relay 127\.0\.0\.1:\d+ is not usable: The relay wants authentication .*535.*check SMTP_USER, SMTP_PASS/)
    expect(result.stdout + result.stderr).not.toContain('wrong-password')
    expect(relay().received).toHaveLength(0)
  })

  it('exits 1 with the cause when the relay certificate is not trusted', async () => {
    const { SMTP_TLS_CA_FILE: _, ...untrusted } = env(RELAY_PASS)
    const result = await runCli(['check'], untrusted)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/is not usable: The relay's certificate was rejected: \w+; set SMTP_TLS_CA_FILE/)
  })

  it('exits 1 when nothing listens on the relay port', async () => {
    const result = await runCli(['check'], { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(await freePort()), SMTP_TLS: 'none' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/relay 127\.0\.0\.1:\d+ is not usable: .*ECONNREFUSED/)
  })

  it('prints the startup warnings', async () => {
    const result = await runCli(['check'], { ...env(RELAY_PASS), SMTP_PASSWORD: 'x' })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/^warn: SMTP_PASSWORD is not a mailbridge variable; did you mean SMTP_PASS\?$/m)
  })

  it('prints the same problem lines as startup for bad settings, and exits 1 without connecting', async () => {
    const bad = { PORT: 'eighty', SMTP_TLS: 'ssl', HOST: '0.0.0.0', SMTP_USER: 'u', SMTP_PASS: 'hunter2-secret', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(relay().port) }
    const sessions = relay().authMethods.length
    const started = startEntry(bad)
    const [result, startup] = await Promise.all([runCli(['check'], bad), started.exited])
    expect(startup).toBe(1)
    // 'exit' may come before the last of stderr is read.
    await expect.poll(() => started.stderr(), { timeout: 10_000 }).toMatch(/^API_KEYS: /m)
    const lines = result.stderr.trim().split('\n')
    expect(result.code).toBe(1)
    expect(lines[0]).toBe('mailbridge: the configuration is not valid; fix these settings:')
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(['PORT', 'SMTP_TLS', 'API_KEYS'])
    expect(lines.slice(1)).toEqual(started.stderr().trim().split('\n').slice(1))
    expect(result.stderr).not.toContain('hunter2')
    expect(result.stdout).toBe('')
    expect(relay().authMethods.length).toBe(sessions)
  })

  describe('with SMTP_HOST unset', () => {
    const tmp = useTempDir('mailbridge-check-')
    it('says mail would go to the capture relay and exits 0, writing nothing', async () => {
      const outbox = join(tmp(), 'outbox')
      const result = await runCli(['check'], { OUTBOX_DIR: outbox })
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain(`SMTP_HOST is unset: mail would go to the built-in capture relay and be written to ${outbox}`)
      expect(existsSync(outbox)).toBe(false)
    })
  })
})
