import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { createMemoryRateLimiter } from '../../src/store/memory-rate-limiter.js'
import type { IdempotencyStore, RateLimiter } from '../../src/store/types.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('the caller identity in store keys', () => {
  it('is key:<SHA-256 of the API key> for the rate limiter and the idempotency scope alike, never the key', async () => {
    const limiterKeys: string[] = []
    const storeKeys: string[] = []
    const limiter = createMemoryRateLimiter({ perMinute: 10 })
    const rateLimiter: RateLimiter = { limit: limiter.limit, take: (key) => (limiterKeys.push(key), limiter.take(key)) }
    const store = createMemoryIdempotencyStore()
    const idempotencyStore: IdempotencyStore = {
      claim: (key, claim, ttl) => (storeKeys.push(key), store.claim(key, claim, ttl)),
      complete: (...args) => store.complete(...args),
      release: (...args) => store.release(...args),
    }
    const { app } = testApp({ apiKeys: ['s3cret-key'], rateLimiter, idempotencyStore })
    const res = await app.request('/send', postJson(validMail(), { Authorization: 'Bearer s3cret-key', 'Idempotency-Key': 'k1' }))
    expect(res.status).toBe(200)
    const id = `key:${createHash('sha256').update('s3cret-key').digest('hex')}`
    expect(limiterKeys).toEqual([id])
    expect(storeKeys).toHaveLength(1)
    expect(storeKeys[0]!.startsWith(`${id}:`)).toBe(true)
    expect(JSON.stringify([limiterKeys, storeKeys])).not.toContain('s3cret')
  })
})
