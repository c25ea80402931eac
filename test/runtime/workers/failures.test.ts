import { describe, expect, it } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'
import { otherCert, otherKey } from '../../helpers/tls.js'
import { buildTarget } from '../support/build.js'
import { postJson, sendBody } from '../support/message.js'
import { startRawServer } from '../support/raw-server.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const API_KEY = 'workers-failure-key'
/** One attempt, short deadlines: each failure shows at once. */
const FAST = { API_KEYS: API_KEY, SMTP_RETRY_ATTEMPTS: '1', SMTP_CONNECT_TIMEOUT_MS: '1500', SMTP_COMMAND_TIMEOUT_MS: '3000' }

interface Problem {
  status: number
  code: string
  smtp?: { command: string | null }
}

/**
 * How dist/worker.js on workerd fails: each relay failure ends in the
 * contract's problem, and the Worker's log says what to fix (the response
 * stays generic). workerd's own quirks are part of it: the opaque "proxy
 * request failed", a TLS failure seen only on the first read after
 * `startTls()`, `closed` rejecting when the relay closes first.
 */
describe('dist/worker.js on workerd when the relay fails', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const noStarttls = useStarted(() => startCountingRelay({ hideSTARTTLS: true }), (r) => r.stop())
  const authRelay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const untrusted = useStarted(() => startCountingRelay({ key: otherKey, cert: otherCert }), (r) => r.stop())
  const closer = useStarted(() => startRawServer((s) => s.end()), (r) => r.stop())
  const silent = useStarted(() => startRawServer(() => {}), (r) => r.stop())
  const closed = useStarted(() => startRawServer(() => {}), (r) => r.stop()) // stopped at once: its port is closed
  const workerd = useStarted(
    async () => {
      const unreachablePort = closed().port
      await closed().stop()
      return startWorkerd(`${bundle().dir}/worker.js`, {
        unreachable: { vars: { ...relayVariables({ port: unreachablePort }), ...FAST } },
        nostarttls: { vars: { ...relayVariables(noStarttls()), ...FAST } },
        badauth: { vars: { ...relayVariables(authRelay()), SMTP_PASS: 'not the password', ...FAST } },
        untrusted: { vars: { ...relayVariables(untrusted()), ...FAST } },
        closer: { vars: { ...relayVariables(closer()), ...FAST } },
        silent: { vars: { ...relayVariables(silent()), ...FAST } },
      })
    },
    (w) => w.stop(),
  )

  async function send(worker: string): Promise<Problem> {
    const res = await postJson(`${workerd().urls[worker]}/send`, sendBody(), { apiKey: API_KEY })
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = (await res.json()) as Problem
    expect(body.status).toBe(res.status)
    return body
  }

  /** The `send failed` line the Worker logged for the relay on `port`. */
  const failureLogged = (match: RegExp) =>
    expect.poll(() => workerd().proc.events().find((e) => e.msg !== undefined && match.test(String(e.msg))), { timeout: 10_000 }).toBeDefined()

  it('unreachable relay (connection refused, "proxy request failed"): 502 relay_unavailable, and the log names the likely causes', async () => {
    const p = await send('unreachable')
    expect(p).toMatchObject({ status: 502, code: 'relay_unavailable', smtp: { command: 'CONNECT' } })
    await failureLogged(/^send failed: cannot connect to SMTP relay 127\.0\.0\.1:\d+: .*the port may be closed/)
  })

  it('relay without STARTTLS: 502 relay_unavailable, no clear-text fallback, the credentials never sent', async () => {
    const p = await send('nostarttls')
    expect(p).toMatchObject({ status: 502, code: 'relay_unavailable', smtp: { command: 'STARTTLS' } })
    expect(noStarttls().sessions).toBeGreaterThan(0)
    expect(noStarttls().authMethods).toEqual([])
    expect(noStarttls().received).toEqual([])
    await failureLogged(/^send failed: SMTP relay does not offer STARTTLS, which is required$/)
  })

  it('certificate not trusted: the failure workerd shows only on the first read after startTls() becomes 502 relay_unavailable, explained', async () => {
    const p = await send('untrusted')
    expect(p).toMatchObject({ status: 502, code: 'relay_unavailable', smtp: { command: 'STARTTLS' } })
    expect(untrusted().authMethods).toEqual([])
    expect(untrusted().received).toEqual([])
    await failureLogged(/^send failed: TLS handshake with SMTP relay 127\.0\.0\.1 failed after STARTTLS .*certificate is probably not trusted/)
  })

  it('AUTH refused after STARTTLS: 502 relay_unavailable, the relay told why in the log', async () => {
    const p = await send('badauth')
    expect(p).toMatchObject({ status: 502, code: 'relay_unavailable', smtp: { command: 'AUTH' } })
    expect(authRelay().authMethods.length).toBeGreaterThan(0)
    await failureLogged(/^send failed: SMTP relay refused AUTH PLAIN: 535/)
  })

  it('relay closes first, before greeting: 502 relay_unavailable, and the rejected `closed` promise goes unreported', async () => {
    const p = await send('closer')
    expect(p).toMatchObject({ status: 502, code: 'relay_unavailable', smtp: { command: 'GREETING' } })
    expect(closer().accepted).toBeGreaterThan(0)
    await failureLogged(/^send failed: connection to the SMTP relay was lost \(waiting for GREETING\)$/)
  })

  it('relay accepts and never greets: 504 relay_timeout after SMTP_CONNECT_TIMEOUT_MS', async () => {
    const started = Date.now()
    const p = await send('silent')
    expect(p).toMatchObject({ status: 504, code: 'relay_timeout', smtp: { command: 'GREETING' } })
    expect(Date.now() - started).toBeLessThan(10_000)
    await failureLogged(/^send failed: SMTP relay did not answer GREETING within \d+ ms$/)
  })

  it('none of this reaches workerd as an uncaught error or unhandled rejection', () => {
    expect(workerd().proc.stderr()).not.toMatch(/uncaught|unhandled/i)
  })
})
