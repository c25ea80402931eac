import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { freePort } from '../../helpers/ports.js'
import { useServer } from '../../helpers/server.js'

/** REDIS_URL points where nothing listens: the service runs degraded, says so once, and never makes a request wait for Redis. */
describe('a Redis outage', () => {
  const app = useServer(async () =>
    loadNodeConfig({ PORT: '0', REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMIT_PER_MINUTE: '100' }),
  )

  it('fails fast, logs one line, and shows in /readyz and /metrics', async () => {
    const server = app.server()
    const post = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
      })
    // The connection's first error opens the breaker (ioredis reports it within its first reconnect).
    await expect.poll(async () => (await (await fetch(`${server.url}/readyz`)).json()).degraded, { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^redis unreachable since .*: requests with an Idempotency-Key answer 503 and rate limits are not applied/),
    ])
    for (let i = 0; i < 5; i++) expect((await post({ 'idempotency-key': `k${i}` })).status).toBe(503)
    const plain = await post()
    expect(plain.status).toBe(200)
    expect(plain.headers.get('ratelimit-limit')).toBeNull()
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toContain('mailbridge_store_up{store="redis"} 0')
    const outages = app.log.filter((l) => 'msg' in l && typeof l.msg === 'string' && l.msg.startsWith('redis unreachable'))
    expect(outages).toHaveLength(1)
    // Fail fast: the store errors the app logged are the breaker's, not 5-second command timeouts.
    const storeErrors = app.log.filter((l) => 'msg' in l && typeof l.msg === 'string' && /failed: /.test(l.msg))
    expect(storeErrors.length).toBeGreaterThan(0)
    expect(storeErrors.every((l) => 'msg' in l && /redis is unavailable/.test(String(l.msg)))).toBe(true)
  })
})
