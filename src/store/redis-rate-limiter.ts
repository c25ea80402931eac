import type { Redis } from 'ioredis'
import { TAKE_TOKEN } from './redis-scripts.js'
import type { RateLimitDecision, RateLimiter } from './types.js'

/** Options for {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** A connected (or connecting) ioredis client; the caller closes it. */
  redis: Redis
  /** Requests allowed per minute per key (bucket capacity and refill rate). */
  perMinute: number
  /** Prefix for every key this limiter writes. */
  prefix?: string
}

interface RateLimitCommands {
  mailbridgeTakeToken(key: string, capacity: number): Promise<[number, number, number, number]>
}

/**
 * A token-bucket {@link RateLimiter} in Redis: one Lua script (EVALSHA) per
 * request refills and takes a token atomically using Redis's clock, so every
 * instance sharing the server shares each caller's limit. Buckets expire once
 * they would be full again. Node only (ioredis).
 *
 * @example
 * const limiter = createRedisRateLimiter({ redis: new Redis(url), perMinute: 600 })
 */
export function createRedisRateLimiter({ redis, perMinute, prefix = 'mailbridge:rl:' }: RedisRateLimiterOptions): RateLimiter {
  if (!(Number.isInteger(perMinute) && perMinute >= 1)) throw new RangeError('perMinute must be a positive integer')
  redis.defineCommand('mailbridgeTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN })
  const commands = redis as unknown as RateLimitCommands
  return {
    limit: perMinute,
    async take(key): Promise<RateLimitDecision> {
      const [allowed, remaining, resetMs, retryAfterMs] = await commands.mailbridgeTakeToken(prefix + key, perMinute)
      return { allowed: allowed === 1, limit: perMinute, remaining, resetMs, retryAfterMs }
    },
  }
}
