import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OPENAPI_JSON } from '../../../scripts/openapi.js'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { expectDeliveredOnce, postJson, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const API_KEY = 'workers-send-key'

/**
 * dist/worker.js on workerd: the configuration from text bindings, a relay
 * that requires STARTTLS and AUTH, reached through `cloudflare:sockets`.
 */
describe('dist/worker.js on workerd, relay with STARTTLS and AUTH', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const implicit = useStarted(() => startCountingRelay({ secure: true }), (r) => r.stop())
  const workerd = useStarted(
    () =>
      startWorkerd(`${bundle().dir}/worker.js`, {
        starttls: { vars: { ...relayVariables(relay()), API_KEYS: API_KEY } },
        implicit: { vars: { ...relayVariables(implicit()), SMTP_TLS: 'implicit', API_KEYS: API_KEY } },
      }),
    (w) => w.stop(),
  )

  it('sends a message with an attachment and a UTF-8 subject; the relay gets it once, with the queue id answered', async () => {
    const res = await postJson(`${workerd().urls.starttls}/send`, sendBody(), { apiKey: API_KEY })
    const answer = (await res.json()) as { message_id: string; queue_id: string }
    expect(res.status, JSON.stringify(answer)).toBe(200)
    expect(relay().authenticated).toBeGreaterThan(0)
    await expectDeliveredOnce(relay(), answer)
  })

  it('QUITs the connection at the end of the request: nothing outlives it, even after STARTTLS', async () => {
    const before = relay().sessions
    const res = await postJson(`${workerd().urls.starttls}/send`, sendBody(), { apiKey: API_KEY })
    expect(res.status).toBe(200)
    expect(relay().sessions).toBe(before + 1)
    // The relay sees the session end although Workers' close() may never resolve after STARTTLS.
    await expect.poll(() => relay().closed, { timeout: 15_000 }).toBe(relay().sessions)
  })

  it('sends a batch over a few connections of its own request, not one per message', async () => {
    const before = { sessions: relay().sessions, received: relay().received.length }
    const items = Array.from({ length: 12 }, (_, i) => sendBody({ subject: `batch ${i}` }))
    const res = await postJson(`${workerd().urls.starttls}/send/batch`, items, { apiKey: API_KEY })
    const body = (await res.json()) as { results: Array<{ queue_id?: string }> }
    expect(res.status).toBe(200)
    expect(body.results.every((r) => typeof r.queue_id === 'string')).toBe(true)
    expect(relay().received.length - before.received).toBe(12)
    const opened = relay().sessions - before.sessions
    expect(opened).toBeGreaterThanOrEqual(1)
    expect(opened).toBeLessThanOrEqual(3)
  })

  it('sends over implicit TLS (secureTransport "on")', async () => {
    const res = await postJson(`${workerd().urls.implicit}/send`, sendBody(), { apiKey: API_KEY })
    const answer = (await res.json()) as { message_id: string; queue_id: string }
    expect(res.status, JSON.stringify(answer)).toBe(200)
    await expectDeliveredOnce(implicit(), answer)
  })

  it('GET /readyz checks the relay from inside the request (EHLO, STARTTLS, AUTH, QUIT) and /metrics answers', async () => {
    const isolate = await startWorkerd(`${bundle().dir}/worker.js`, { fresh: { vars: { ...relayVariables(relay()), API_KEYS: API_KEY } } })
    try {
      const sessions = relay().sessions
      const ready = await fetch(`${isolate.urls.fresh}/readyz`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ status: 'ready' })
      expect(relay().sessions).toBe(sessions + 1)
      const metrics = await fetch(`${isolate.urls.fresh}/metrics`)
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('mailbridge_')
    } finally {
      await isolate.stop()
    }
  })

  it('GET /openapi.json serves the generated document, without an API key', async () => {
    const res = await fetch(`${workerd().urls.starttls}/openapi.json`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(JSON.parse(readFileSync(OPENAPI_JSON, 'utf8')))
  })

  it('logs the startup lines and a JSON request line per request, and no error (no unhandled rejection of `closed`)', () => {
    const events = workerd().proc.events()
    expect(events).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^relay 127\.0\.0\.1:\d+ \(starttls, AUTH\)$/) }))
    expect(events).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('kept per isolate') }))
    expect(events).toContainEqual(expect.objectContaining({ path: '/send', status: 200, queue_id: expect.any(String) }))
    expect(workerd().proc.stderr()).not.toMatch(/error|uncaught|unhandled/i)
  })
})
