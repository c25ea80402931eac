import { takeToken, type BucketState } from './token-bucket.js'
import type { RateLimitDecision, RateLimiter } from './types.js'

/** Options for {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Requests allowed per minute per key (bucket capacity and refill rate). */
  perMinute: number
  /** Most buckets kept; beyond it the least recently used bucket is dropped. */
  maxKeys?: number
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

/**
 * A token-bucket {@link RateLimiter} in this process's memory, bounded and
 * runtime-portable. Each instance counts on its own; use the Redis limiter to
 * share a limit across instances.
 *
 * Dropping a bucket when full forgets that caller's spending, so size
 * `maxKeys` above the number of callers active within a minute.
 *
 * @example
 * const limiter = createMemoryRateLimiter({ perMinute: 600 })
 */
export function createMemoryRateLimiter({
  perMinute,
  maxKeys = 10_000,
  now = Date.now,
}: MemoryRateLimiterOptions): RateLimiter & { readonly size: number } {
  if (!(Number.isInteger(perMinute) && perMinute >= 1)) throw new RangeError('perMinute must be a positive integer')
  if (!(maxKeys >= 1)) throw new RangeError('maxKeys must be at least 1')
  const buckets = new Map<string, BucketState>()
  return {
    limit: perMinute,
    get size() {
      return buckets.size
    },
    async take(key): Promise<RateLimitDecision> {
      const previous = buckets.get(key)
      const step = takeToken(previous, perMinute, now())
      buckets.delete(key) // re-insert so Map order is use order
      while (buckets.size >= maxKeys) {
        const oldest = buckets.keys().next()
        if (oldest.done) break
        buckets.delete(oldest.value)
      }
      buckets.set(key, step.state)
      const { allowed, remaining, resetMs, retryAfterMs } = step
      return { allowed, limit: perMinute, remaining, resetMs, retryAfterMs }
    },
  }
}
