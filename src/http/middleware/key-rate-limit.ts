import type { MiddlewareHandler } from 'hono'
import type { ApiKeyConfig } from '../../config/frontends.js'
import type { RateLimiter } from '../../store/types.js'
import type { AppEnv } from '../env.js'
import { rateLimit, type IdentifyFunction } from './rate-limit.js'

/** Options for {@link keyRateLimit}. */
export interface KeyRateLimitOptions {
  /** The configuration file's keys; those with `rateLimitPerMinute` get a limit of their own. */
  keys: readonly ApiKeyConfig[]
  /** The limit of every other caller (`RATE_LIMIT_PER_MINUTE`); undefined: none. */
  fallback?: RateLimiter | undefined
  /** Makes a limiter of one key's rate (memory, Redis, Durable Object). */
  create: (perMinute: number) => RateLimiter
  /** Whose bucket a request takes from. */
  identify: IdentifyFunction
  /** Told when a limiter fails; the request then goes through unlimited. */
  onStoreError?: (err: unknown) => void
}

/**
 * {@link rateLimit} with a per-minute rate for each key that sets one (its
 * own rate replaces `RATE_LIMIT_PER_MINUTE` for it), and the fallback's for
 * everyone else. Undefined when nothing is limited. Mount after `bearerAuth`.
 *
 * @example
 * ```ts
 * keyRateLimit({ keys, create: (perMinute) => createMemoryRateLimiter({ perMinute }), identify: byApiKey })
 * ```
 */
export function keyRateLimit({ keys, fallback, create, identify, onStoreError }: KeyRateLimitOptions): MiddlewareHandler<AppEnv> | undefined {
  const perKey = new Map<string, MiddlewareHandler<AppEnv>>()
  for (const key of keys) {
    if (key.rateLimitPerMinute !== undefined) perKey.set(key.name, rateLimit({ limiter: create(key.rateLimitPerMinute), identify, onStoreError }))
  }
  const general = fallback && rateLimit({ limiter: fallback, identify, onStoreError })
  if (perKey.size === 0) return general
  return async function keyRateLimit(c, next) {
    const name = c.get('apiKey')?.name
    const limit = (name !== undefined ? perKey.get(name) : undefined) ?? general
    return limit ? limit(c, next) : next()
  }
}
