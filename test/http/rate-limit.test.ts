import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../src/http/env.js'
import { describe, expect, it } from 'vitest'
import { byClientAddress, rateLimit, type RateLimitOptions } from '../../src/http/middleware/rate-limit.js'
import { createMemoryRateLimiter } from '../../src/store/memory-rate-limiter.js'

function tinyApp(options: RateLimitOptions) {
  let calls = 0
  const app = new Hono<AppEnv>()
  app.use('/send', rateLimit(options))
  app.post('/send', (c) => {
    calls++
    return c.json({ ok: true })
  })
  return { app, calls: () => calls }
}

const send = (headers: Record<string, string> = {}) =>
  new Request('http://localhost/send', { method: 'POST', headers, body: '{}' })

describe('rate limit middleware', () => {
  it('adds RateLimit headers to every allowed response', async () => {
    const { app } = tinyApp({ limiter: createMemoryRateLimiter({ perMinute: 3, now: () => 0 }) })
    const res = await app.request(send({ Authorization: 'Bearer k1' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('RateLimit-Limit')).toBe('3')
    expect(res.headers.get('RateLimit-Remaining')).toBe('2')
    expect(res.headers.get('RateLimit-Reset')).toBe('20')
  })

  it('answers 429 rate_limited with Retry-After once the bucket is empty, without running the handler', async () => {
    const { app, calls } = tinyApp({ limiter: createMemoryRateLimiter({ perMinute: 2, now: () => 0 }) })
    await app.request(send({ Authorization: 'Bearer k1' }))
    await app.request(send({ Authorization: 'Bearer k1' }))
    const res = await app.request(send({ Authorization: 'Bearer k1' }))
    expect(res.status).toBe(429)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json')
    expect(res.headers.get('Retry-After')).toBe('30')
    expect(res.headers.get('RateLimit-Remaining')).toBe('0')
    expect(res.headers.get('RateLimit-Reset')).toBe('60')
    expect(await res.json()).toMatchObject({ type: 'about:blank', status: 429, code: 'rate_limited' })
    expect(calls()).toBe(2)
  })

  it('gives every API key its own bucket', async () => {
    const { app } = tinyApp({ limiter: createMemoryRateLimiter({ perMinute: 1, now: () => 0 }) })
    expect((await app.request(send({ Authorization: 'Bearer k1' }))).status).toBe(200)
    expect((await app.request(send({ Authorization: 'Bearer k1' }))).status).toBe(429)
    expect((await app.request(send({ Authorization: 'Bearer k2' }))).status).toBe(200)
  })

  it('limits per client address when identifying by address, ignoring any bearer', async () => {
    const address = (c: Context<AppEnv>) => c.req.header('x-test-addr')
    const { app } = tinyApp({ limiter: createMemoryRateLimiter({ perMinute: 1, now: () => 0 }), identify: byClientAddress(address) })
    expect((await app.request(send({ 'x-test-addr': '127.0.0.1', Authorization: 'Bearer a' }))).status).toBe(200)
    expect((await app.request(send({ 'x-test-addr': '127.0.0.1', Authorization: 'Bearer b' }))).status).toBe(429)
    expect((await app.request(send({ 'x-test-addr': '127.0.0.2' }))).status).toBe(200)
  })

  it('lets requests through without headers when the limiter fails', async () => {
    const errors: unknown[] = []
    const { app, calls } = tinyApp({
      limiter: { limit: 1, take: () => Promise.reject(new Error('ECONNREFUSED')) },
      onStoreError: (e) => errors.push(e),
    })
    const res = await app.request(send())
    expect(res.status).toBe(200)
    expect(res.headers.get('RateLimit-Limit')).toBeNull()
    expect(calls()).toBe(1)
    expect(errors).toHaveLength(1)
  })
})
