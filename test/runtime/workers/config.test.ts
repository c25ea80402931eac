import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/config/load.js'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { postJson, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const SECRET = 'pa55-never-shown'
const NOT_AN_ADDRESS = 'definitely not an address'
/** Wrong on any runtime (SMTP_USER without SMTP_PASS, a bad DEFAULT_FROM), and on Workers (no SMTP_HOST, no API_KEYS, port 25). */
const BAD = { SMTP_PORT: '25', SMTP_USER: SECRET, DEFAULT_FROM: NOT_AN_ADDRESS, MAX_RECIPIENTS: 'lots' }

/**
 * Configuration on Workers comes from the Worker's bindings and goes through
 * the same loadConfig as on Node. A Worker cannot refuse to start: with a bad
 * configuration it logs what Node prints before exiting, and answers every
 * request 500 naming the variables (never their values).
 */
describe('dist/worker.js on workerd: configuration', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const probe = useStarted(() => buildTarget('worker', { name: 'worker', path: 'test/runtime/workers/probe-worker.ts' }), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const workerd = useStarted(
    () =>
      startWorkerd(`${bundle().dir}/worker.js`, {
        bad: { vars: BAD },
        ignored: { vars: { ...relayVariables(relay()), API_KEYS: 'k', SMTP_TLS_CA_FILE: '/etc/relay-ca.pem', OUTBOX_DIR: './outbox', PORT: '8080' } },
      }),
    (w) => w.stop(),
  )
  const socketOnly = useStarted(() => startWorkerd(`${probe().dir}/worker.js`, { probe: { vars: {} } }), (w) => w.stop())

  it('a bad configuration: every request gets 500 problem+json naming each variable, never a value', async () => {
    for (const res of [await postJson(`${workerd().urls.bad}/send`, sendBody()), await fetch(`${workerd().urls.bad}/healthz`)]) {
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const text = await res.text()
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(NOT_AN_ADDRESS)
      expect(text).not.toContain('lots')
      const body = JSON.parse(text) as { code: string; variables: string[]; detail: string }
      expect(body.code).toBe('internal_error')
      expect(body.variables.sort()).toEqual(['API_KEYS', 'DEFAULT_FROM', 'MAX_RECIPIENTS', 'SMTP_HOST', 'SMTP_PASS', 'SMTP_PORT'])
      expect(body.detail).toContain('SMTP_HOST')
    }
  })

  it('… and logs, once, the lines Node prints when it refuses to start, plus what Workers add', async () => {
    let nodeSays = ''
    try {
      loadNodeConfig({ ...BAD, SMTP_HOST: 'relay.example.com', SMTP_PORT: '587' })
    } catch (e) {
      if (e instanceof ConfigError) nodeSays = e.message
    }
    expect(nodeSays).not.toBe('')
    const stderr = workerd().proc.stderr()
    expect(stderr.match(/mailbridge: cannot start; fix these settings:/g)).toHaveLength(1)
    for (const line of nodeSays.split('\n')) expect(stderr).toContain(line)
    expect(stderr).toContain('SMTP_HOST: is required on Workers: there is no built-in capture relay')
    expect(stderr).toContain('API_KEYS: is required on Workers: a Worker is reachable from anywhere')
    expect(stderr).toContain('SMTP_PORT: cannot be 25 on Workers')
    expect(stderr).not.toContain(SECRET)
  })

  it('variables that cannot apply on Workers are named at startup and ignored (SMTP_TLS_CA_FILE among them)', async () => {
    const res = await postJson(`${workerd().urls.ignored}/send`, sendBody(), { apiKey: 'k' })
    expect(res.status).toBe(200)
    const warnings = workerd().proc.events().filter((e) => e.level === 'warn').map((e) => String(e.msg))
    expect(warnings).toContainEqual(expect.stringMatching(/^SMTP_TLS_CA_FILE does not apply on Workers: Workers check the relay certificate against the public CAs only/))
    expect(warnings).toContainEqual(expect.stringMatching(/^OUTBOX_DIR does not apply on Workers/))
    expect(warnings).toContainEqual(expect.stringMatching(/^PORT does not apply on Workers/))
  })

  it('the Workers socket refuses port 25 itself (production Workers block it; local workerd would not)', async () => {
    const res = await fetch(`${socketOnly().urls.probe}/connect?port=25`)
    const body = (await res.json()) as { ok: boolean; code: string; command: string; message: string; transient: boolean }
    expect(body).toMatchObject({ ok: false, code: 'ECONNECT', command: 'CONNECT', transient: false })
    expect(body.message).toMatch(/Cloudflare Workers block outbound port 25; use the relay's submission port \(587 with STARTTLS, or 465 with implicit TLS\)/)
  })

  it('… and connects to another port through the same code path', async () => {
    const res = await fetch(`${socketOnly().urls.probe}/connect?port=${relay().port}`)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('close() after STARTTLS returns at once and ends the connection while the request goes on (Workers may never resolve its promise)', async () => {
    // Earlier tests' sessions have ended first, so what changes below is this one's.
    await expect.poll(() => relay().closed === relay().sessions, { timeout: 10_000 }).toBe(true)
    const sessions = relay().sessions
    const closed = relay().closed
    const answer = fetch(`${socketOnly().urls.probe}/starttls-close?port=${relay().port}&holdMs=5000`)
    // smtp-server keeps an idle session open: only our close can end it before the request does.
    await expect.poll(() => relay().sessions, { timeout: 10_000 }).toBe(sessions + 1)
    await expect.poll(() => relay().closed, { timeout: 4_000 }).toBe(closed + 1)
    const body = (await (await answer).json()) as { ok: boolean; secure: boolean; closeReturned: string }
    expect(body).toMatchObject({ ok: true, secure: true })
    expect(body.closeReturned).toBe('undefined')
  })
})
