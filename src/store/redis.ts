import { Redis } from 'ioredis'
import { createBreaker, type StoreHealth } from './breaker.js'
import { createRedisIdempotencyStore } from './redis-idempotency.js'
import { createRedisRateLimiter } from './redis-rate-limiter.js'
import type { IdempotencyStore, RateLimiter } from './types.js'

/** Options for {@link createRedisStores}. */
export interface RedisStoresOptions {
  /** `redis://[user:pass@]host:port[/db]` or `rediss://…` for TLS. */
  url: string
  /** Requests per minute per caller; unset = no rate limiter. */
  rateLimitPerMinute?: number
  /** Prefix for every key written, so instances of different deployments can share a server. */
  prefix?: string
  /** Told once when Redis goes down (with the reason) and once when it is back. Never receives the URL. */
  onHealth?: (health: StoreHealth) => void
  /** After a failure, requests fail at once for this long before one probes Redis again. Default 5 000 ms. */
  cooldownMs?: number
}

/** The Redis-backed stores plus a way to close their connection. */
export interface RedisStores {
  redis: Redis
  idempotencyStore: IdempotencyStore
  rateLimiter?: RateLimiter
  /** A shared limiter of another rate (a key's or a form's own), on the same connection and breaker. */
  rateLimiterFor(perMinute: number): RateLimiter
  /** Whether Redis is usable now, for `/readyz` and `/metrics`. */
  health(): StoreHealth
  close(): Promise<void>
}

/**
 * Connects to Redis and builds the shared idempotency store and (when a limit
 * is set) the shared rate limiter on one connection, behind one circuit
 * breaker: while Redis is down (its connection reports an error, or a command
 * failed), calls fail at once instead of waiting for a timeout, so the
 * idempotency middleware answers 503 and the rate limiter lets the request
 * through without delay. ioredis keeps reconnecting; its `ready` closes the
 * breaker, and so does a probe that succeeds after the cooldown.
 */
export function createRedisStores({ url, rateLimitPerMinute, prefix = 'mailbridge:', onHealth, cooldownMs }: RedisStoresOptions): RedisStores {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    commandTimeout: 5000,
    enableAutoPipelining: true,
  })
  const breaker = createBreaker({ name: 'redis', ...(cooldownMs !== undefined ? { cooldownMs } : {}), ...(onHealth ? { onChange: onHealth } : {}) })
  redis.on('error', (err: Error) => breaker.down(err.message))
  redis.on('ready', () => breaker.up())
  const idempotency = createRedisIdempotencyStore({ redis, prefix: `${prefix}idem:` })
  const limiterFor = (perMinute: number): RateLimiter => {
    const limiter = createRedisRateLimiter({ redis, perMinute, prefix: `${prefix}rl:` })
    return { limit: limiter.limit, take: (key: string) => breaker.run(() => limiter.take(key)) }
  }
  return {
    redis,
    idempotencyStore: {
      claim: (...args) => breaker.run(() => idempotency.claim(...args)),
      complete: (...args) => breaker.run(() => idempotency.complete(...args)),
      release: (...args) => breaker.run(() => idempotency.release(...args)),
    },
    ...(rateLimitPerMinute !== undefined ? { rateLimiter: limiterFor(rateLimitPerMinute) } : {}),
    rateLimiterFor: limiterFor,
    health: () => breaker.health(),
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
