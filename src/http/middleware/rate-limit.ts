import type { Context, MiddlewareHandler } from 'hono'
import { apiKeyIdentity } from './api-key-identity.js'
import type { RateLimitDecision, RateLimiter } from '../../store/types.js'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'
import { errorMessage, logJsonLine, serviceEvent } from '../log.js'

/** Names the caller a bucket belongs to; goes into store keys, so never return a secret. */
export type IdentifyFunction = (c: Context<AppEnv>) => string | Promise<string>

/** Options for {@link rateLimit}. */
export interface RateLimitOptions {
  /** Token buckets (memory or Redis) holding the per-minute limit. */
  limiter: RateLimiter
  /** Whose bucket a request takes from. Default {@link byApiKey}. */
  identify?: IdentifyFunction
  /** Told when the limiter fails; the request then goes through unlimited. */
  onStoreError?: (err: unknown) => void
}

/**
 * Identify callers by the SHA-256 of their bearer token (mount after
 * authentication, so it is a valid API key); requests without one share a bucket.
 */
export const byApiKey: IdentifyFunction = apiKeyIdentity

/**
 * Identify callers by their network address, for when authentication is off.
 * `address` comes from the runtime, e.g. on Node
 * `(c) => getConnInfo(c).remote.address` from `@hono/node-server/conninfo`,
 * which keeps this module runtime-neutral.
 */
export function byClientAddress(address: (c: Context<AppEnv>) => string | undefined): IdentifyFunction {
  return (c) => `addr:${address(c) ?? 'unknown'}`
}

/**
 * Token-bucket rate limit per caller: each request takes one token
 * from a bucket of `limiter.limit` tokens refilled at that many per minute.
 * Every response carries `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds until the bucket is full again); a request with
 * no token left gets `429 rate_limited` with `Retry-After` (seconds until the
 * next token). If the limiter fails (Redis down) requests are let through.
 *
 * @example
 * ```ts
 * app.use('/send', bearerAuth({ keys }), rateLimit({ limiter: createMemoryRateLimiter({ perMinute: 60 }) }))
 * ```
 */
export function rateLimit({
  limiter,
  identify = byApiKey,
  onStoreError = (err) => logJsonLine(serviceEvent('warn', `rate limiter failed: ${errorMessage(err)}`)),
}: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    let decision: RateLimitDecision
    try {
      decision = await limiter.take(await identify(c))
    } catch (err) {
      onStoreError(err)
      return next()
    }
    const headers = {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(Math.ceil(decision.resetMs / 1000)),
    }
    if (!decision.allowed) {
      const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
      const detail = `More than ${decision.limit} requests per minute; retry in ${retryAfter} s.`
      return problemResponse(c, problem('rate_limited', detail), { ...headers, 'Retry-After': String(retryAfter) })
    }
    await next()
    for (const [name, value] of Object.entries(headers)) c.header(name, value)
  }
}
