import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { serveHappy, startFakeSmtp } from '../../helpers/fake-smtp.js'
import { useStarted } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { useServer } from '../../helpers/server.js'

const send = (url: string) =>
  fetch(`${url}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
  })

describe('startServer with SMTP_FALLBACK_HOST: the primary relay is down', () => {
  let delivered = 0
  const fallback = useStarted(
    () =>
      startFakeSmtp((s) =>
        serveHappy(s, ['PIPELINING'], (l) => {
          if (l !== '.') return undefined
          delivered++
          return '250 2.0.0 Ok: queued as FB1\r\n'
        }).then(() => {}),
      ),
    (f) => f.stop(),
  )
  const app = useServer(async () =>
    loadConfig({
      PORT: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await freePort()), // nothing listens: connection refused
      SMTP_TLS: 'none',
      SMTP_FALLBACK_HOST: '127.0.0.1',
      SMTP_FALLBACK_PORT: String(fallback().port),
      SEND_TIMEOUT_MS: '5000',
    }),
  )

  it('sends through the fallback, is ready, and reports the failover in /metrics and the log', async () => {
    const server = app.server()
    const res = await send(server.url)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ queue_id: 'FB1' })
    expect(delivered).toBe(1)

    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)

    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toContain('mailbridge_relay_failovers_total{from="primary"} 1\n')
    expect(text).toContain('mailbridge_sends_total{outcome="sent"} 1\n')
    expect(text).toContain('mailbridge_pool_connections{relay="fallback",state="idle"} 1\n')
    expect(text).toContain('mailbridge_http_requests_total{method="POST",route="/send",status="200"} 1\n')
    expect(app.log).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('primary relay unreachable') }))
  })
})

describe('startServer: /readyz when no relay answers', () => {
  const app = useServer(async () =>
    loadConfig({ PORT: '0', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(await freePort()), SMTP_TLS: 'none' }),
  )

  it('answers 503 with the reason, and /send answers 502 relay_unavailable after its retries', async () => {
    const server = app.server()
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ code: 'relay_unavailable', detail: expect.stringMatching(/ECONNECT/) })
    const res = await send(server.url)
    expect(res.status).toBe(502)
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toContain('mailbridge_smtp_retries_total{error="ECONNECT"} 2\n')
    expect(text).toContain('mailbridge_sends_total{outcome="relay_unavailable"} 1\n')
  })
})
