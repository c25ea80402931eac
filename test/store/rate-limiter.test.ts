import { describe, expect, it } from 'vitest'
import { createMemoryRateLimiter } from '../../src/store/memory-rate-limiter.js'
import { createRedisRateLimiter } from '../../src/store/redis-rate-limiter.js'
import { useRedis } from '../helpers/redis.js'

describe('memory rate limiter', () => {
  it('allows perMinute requests at once, then refuses until a token refills', async () => {
    let now = 0
    const limiter = createMemoryRateLimiter({ perMinute: 3, now: () => now })
    const first = await limiter.take('k')
    expect(first).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 20_000, retryAfterMs: 0 })
    await limiter.take('k')
    expect(await limiter.take('k')).toMatchObject({ allowed: true, remaining: 0, retryAfterMs: 20_000 })
    expect(await limiter.take('k')).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 20_000, resetMs: 60_000 })
    now = 19_999
    expect((await limiter.take('k')).allowed).toBe(false)
    now = 20_000
    expect((await limiter.take('k')).allowed).toBe(true)
  })

  it('keeps one bucket per key', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, now: () => 0 })
    expect((await limiter.take('a')).allowed).toBe(true)
    expect((await limiter.take('a')).allowed).toBe(false)
    expect((await limiter.take('b')).allowed).toBe(true)
  })

  it('holds at most maxKeys buckets, dropping the least recently used', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, maxKeys: 2, now: () => 0 })
    await limiter.take('a')
    await limiter.take('b')
    await limiter.take('a') // refused, but touches 'a'
    await limiter.take('c') // drops 'b'
    expect(limiter.size).toBe(2)
    expect((await limiter.take('a')).allowed).toBe(false)
    expect((await limiter.take('b')).allowed).toBe(true)
  })

  it('rejects a limit that is not a positive integer', () => {
    expect(() => createMemoryRateLimiter({ perMinute: 0 })).toThrow(RangeError)
  })
})

describe('redis rate limiter', () => {
  const server = useRedis()

  it('allows exactly perMinute of many concurrent requests across two connections', async () => {
    const a = createRedisRateLimiter({ redis: server.client(), perMinute: 10, prefix: 'c:' })
    const b = createRedisRateLimiter({ redis: server.client(), perMinute: 10, prefix: 'c:' })
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take('caller')))
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
    const refused = results.find((r) => !r.allowed)
    expect(refused).toMatchObject({ limit: 10, remaining: 0 })
    expect(refused!.retryAfterMs).toBeGreaterThan(0)
    expect(refused!.retryAfterMs).toBeLessThanOrEqual(6_000)
    expect(refused!.resetMs).toBeGreaterThan(50_000)
  })

  it('reports remaining tokens and lets the bucket key expire once it would be full', async () => {
    const redis = server.client()
    const limiter = createRedisRateLimiter({ redis, perMinute: 60, prefix: 'r:' })
    expect(await limiter.take('k')).toMatchObject({ allowed: true, limit: 60, remaining: 59, retryAfterMs: 0 })
    const ttl = await redis.pttl('r:k')
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(2_000)
  })

  it('keeps one bucket per key', async () => {
    const limiter = createRedisRateLimiter({ redis: server.client(), perMinute: 1, prefix: 'k:' })
    expect((await limiter.take('a')).allowed).toBe(true)
    expect((await limiter.take('a')).allowed).toBe(false)
    expect((await limiter.take('b')).allowed).toBe(true)
  })
})
