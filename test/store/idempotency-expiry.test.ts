import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { createRedisIdempotencyStore } from '../../src/store/redis-idempotency.js'
import { useRedis } from '../helpers/redis.js'

const response = { status: 200, headers: {}, body: '{}' }

describe('memory idempotency store: expiry', () => {
  it('forgets a marker and a response once their TTLs pass', async () => {
    let now = 1_000
    const store = createMemoryIdempotencyStore({ now: () => now })
    await store.claim('k', { fingerprint: 'fp', token: 't' }, 5_000)
    now += 4_999
    expect((await store.claim('k', { fingerprint: 'fp', token: 'u' }, 5_000)).claimed).toBe(false)
    now += 1
    expect(await store.claim('k', { fingerprint: 'fp', token: 'u' }, 5_000)).toEqual({ claimed: true })
    expect(await store.complete('k', 'u', { fingerprint: 'fp', response }, 86_400_000)).toBe(true)
    now += 86_399_999
    expect((await store.claim('k', { fingerprint: 'fp', token: 'v' }, 5_000)).claimed).toBe(false)
    now += 1
    expect((await store.claim('k', { fingerprint: 'fp', token: 'v' }, 5_000)).claimed).toBe(true)
  })

  it('cannot complete a marker that expired and was claimed by another request', async () => {
    let now = 0
    const store = createMemoryIdempotencyStore({ now: () => now })
    await store.claim('k', { fingerprint: 'fp', token: 'slow' }, 1_000)
    now = 1_000
    await store.claim('k', { fingerprint: 'fp', token: 'second' }, 1_000)
    expect(await store.complete('k', 'slow', { fingerprint: 'fp', response }, 10_000)).toBe(false)
    expect(await store.release('k', 'slow')).toBe(false)
  })
})

describe('redis idempotency store: expiry', () => {
  const server = useRedis()

  it('sets the marker TTL on claim and the response TTL on complete', async () => {
    const redis = server.client()
    const store = createRedisIdempotencyStore({ redis, prefix: 'p:' })
    await store.claim('k', { fingerprint: 'fp', token: 't' }, 60_000)
    const markerTtl = await redis.pttl('p:k')
    expect(markerTtl).toBeGreaterThan(0)
    expect(markerTtl).toBeLessThanOrEqual(60_000)
    await store.complete('k', 't', { fingerprint: 'fp', response }, 86_400_000)
    const responseTtl = await redis.pttl('p:k')
    expect(responseTtl).toBeGreaterThan(60_000)
    expect(responseTtl).toBeLessThanOrEqual(86_400_000)
  })

  it('lets a key be claimed again once its marker expired', async () => {
    const store = createRedisIdempotencyStore({ redis: server.client(), prefix: 'e:' })
    await store.claim('k', { fingerprint: 'fp', token: 't' }, 30)
    let claimed = false
    for (let i = 0; i < 100 && !claimed; i++) {
      await new Promise((r) => setTimeout(r, 20))
      claimed = (await store.claim('k', { fingerprint: 'fp', token: 'u' }, 60_000)).claimed
    }
    expect(claimed).toBe(true)
    // And the expired claimant can no longer touch it.
    expect(await store.release('k', 't')).toBe(false)
  })
})
