import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { startServer, type LogLine, type RunningServer } from '../../src/server.js'
import { startHeldRelay, type HeldRelay } from './held-relay.js'

describe('graceful shutdown with a send that never finishes', () => {
  let relay: HeldRelay
  let server: RunningServer
  const log: LogLine[] = []

  beforeAll(async () => {
    relay = await startHeldRelay()
    const config = loadConfig({ PORT: '0', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(relay.port), SMTP_TLS: 'none' })
    server = await startServer(config, { log: (l) => log.push(l), shutdownTimeoutMs: 200, mailerCloseTimeoutMs: 200 })
  })
  afterAll(async () => {
    relay.release()
    await relay.close()
  })

  it('cuts the request at the deadline and still stops', async () => {
    const pending = fetch(`${server.url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
    }).then(
      (r) => r.status,
      () => 'connection cut',
    )
    await relay.received()
    expect(await server.close()).toEqual({ forced: true })
    expect(await pending).toBe('connection cut')
    expect(log.some((l) => 'level' in l && l.level === 'warn' && /were cut/.test(l.msg))).toBe(true)
  })
})
