import type { ServiceEvent } from '../../http/log.js'
import type { RedisStores } from '../../store/redis.js'

/**
 * The Redis stores for `REDIS_URL`, with an outage logged once when it starts
 * and once when it ends. Loaded only when used, so ioredis stays out of
 * deployments without Redis.
 */
export async function startRedis(
  url: string,
  rateLimitPerMinute: number | undefined,
  event: (level: ServiceEvent['level'], msg: string) => void,
): Promise<RedisStores> {
  const { createRedisStores } = await import('../../store/redis.js')
  const redis = createRedisStores({
    url,
    rateLimitPerMinute,
    // One line when an outage starts and one when it ends, however many requests fail fast in between.
    onHealth: (h) =>
      h.up
        ? event('info', 'redis reachable again')
        : event('warn', `redis unreachable (${h.reason ?? 'down'}): Idempotency-Key requests answer 503 and rate limits are not applied until it is back`),
  })
  event('info', 'idempotency keys and rate limits are shared through Redis')
  return redis
}
