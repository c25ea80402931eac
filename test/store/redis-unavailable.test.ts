import { afterAll, describe, expect, it } from 'vitest'
import type { StoreHealth } from '../../src/store/breaker.js'
import { createRedisStores, type RedisStores } from '../../src/store/redis.js'
import { postJson, testApp, validMail } from '../http/fake-mailer.js'
import { freePort } from '../helpers/ports.js'

describe('Redis stores when Redis is unreachable', () => {
  let stores: RedisStores
  afterAll(async () => {
    await stores?.close()
  })

  it('answers 503 idempotency_unavailable for keyed requests and lets the rest through unlimited', async () => {
    const healths: StoreHealth[] = []
    stores = createRedisStores({ url: `redis://127.0.0.1:${await freePort()}`, rateLimitPerMinute: 1, onHealth: (h) => healths.push(h) })
    const { app, mailer } = testApp({ idempotencyStore: stores.idempotencyStore, rateLimiter: stores.rateLimiter })
    const keyed = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k' }))
    expect(keyed.status).toBe(503)
    expect(keyed.headers.get('Retry-After')).toBe('1')
    expect(await keyed.json()).toMatchObject({ code: 'idempotency_unavailable' })
    const plain = await app.request('/send', postJson(validMail()))
    expect(plain.status).toBe(200)
    expect(plain.headers.get('RateLimit-Limit')).toBeNull()
    expect(mailer.sent).toHaveLength(1)
    expect(healths.length).toBeGreaterThan(0)
    expect(healths[0]).toMatchObject({ up: false })
  })
})
