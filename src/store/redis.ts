import { Redis } from 'ioredis'
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
  /** Called with connection errors (ioredis reconnects by itself). Never receives the URL. */
  onError?: (err: Error) => void
}

/** The Redis-backed stores plus a way to close their connection. */
export interface RedisStores {
  redis: Redis
  idempotencyStore: IdempotencyStore
  rateLimiter?: RateLimiter
  close(): Promise<void>
}

/**
 * Connects to Redis and builds the shared idempotency store and (when a limit
 * is set) the shared rate limiter on one connection. Commands fail fast
 * while Redis is unreachable rather than queueing for long, so requests get
 * an answer: the idempotency middleware answers 503, the rate limiter lets
 * the request through.
 */
export function createRedisStores({ url, rateLimitPerMinute, prefix = 'mailbridge:', onError = () => {} }: RedisStoresOptions): RedisStores {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    commandTimeout: 5000,
    enableAutoPipelining: true,
  })
  redis.on('error', (err: Error) => onError(err))
  return {
    redis,
    idempotencyStore: createRedisIdempotencyStore({ redis, prefix: `${prefix}idem:` }),
    ...(rateLimitPerMinute !== undefined
      ? { rateLimiter: createRedisRateLimiter({ redis, perMinute: rateLimitPerMinute, prefix: `${prefix}rl:` }) }
      : {}),
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
