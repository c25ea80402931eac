import { Hono } from 'hono'
import type { AppEnv } from '../../src/http/env.js'
import { describe, expect, it } from 'vitest'
import { rateLimit } from '../../src/http/middleware/rate-limit.js'
import { createRedisRateLimiter } from '../../src/store/redis-rate-limiter.js'
import { useRedis } from '../helpers/redis.js'

describe('rate limit middleware on a shared Redis', () => {
  const server = useRedis()

  const instance = () => {
    const app = new Hono<AppEnv>()
    app.use('/send', rateLimit({ limiter: createRedisRateLimiter({ redis: server.client(), perMinute: 4 }) }))
    app.post('/send', (c) => c.json({ ok: true }))
    return app
  }

  it('shares one bucket per API key across two instances', async () => {
    const [one, two] = [instance(), instance()]
    const req = (key: string) => new Request('http://localhost/send', { method: 'POST', headers: { Authorization: `Bearer ${key}` } })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? one : two).request(req('shared'))).status)
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
    const last = await one.request(req('shared'))
    expect(Number(last.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(last.headers.get('RateLimit-Limit')).toBe('4')
    expect((await two.request(req('other'))).headers.get('RateLimit-Remaining')).toBe('3')
  })
})
