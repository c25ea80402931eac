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
  let down = false
  const redis = createRedisStores({
    url,
    rateLimitPerMinute,
    // ioredis reports every reconnect attempt: log the first failure of each outage only.
    onError: (err) => {
      if (!down) event('warn', `redis unreachable, retrying: ${err.message}`)
      down = true
    },
  })
  redis.redis.on('ready', () => {
    if (down) event('info', 'redis reachable again')
    down = false
  })
  event('info', 'idempotency keys and rate limits are shared through Redis')
  return redis
}
