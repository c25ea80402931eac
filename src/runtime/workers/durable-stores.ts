import type { DurableObjectNamespace } from 'cloudflare:workers'
import type { IdempotencyStore, RateLimiter } from '../../store/types.js'
import type { MailbridgeStateApi } from './state-object.js'

/** Options for {@link createDurableStores}. */
export interface DurableStoresOptions {
  /** The `MAILBRIDGE_STATE` binding. */
  namespace: DurableObjectNamespace<MailbridgeStateApi>
  /** `RATE_LIMIT_PER_MINUTE`; unset: no rate limiter. */
  rateLimitPerMinute?: number | undefined
  /** Prefix of every object name, so deployments can share a namespace. Default `mailbridge:`. */
  prefix?: string
}

/** The stores a Worker shares across its isolates through Durable Objects. */
export interface DurableStores {
  idempotencyStore: IdempotencyStore
  rateLimiter?: RateLimiter
  /** A shared limiter of another rate (a key's or a form's own). */
  rateLimiterFor(perMinute: number): RateLimiter
}

/**
 * The idempotency store and rate limiter on `MailbridgeState` objects: one
 * object per key (`<prefix>idem:<key>`, `<prefix>rl:<caller>`), so every
 * isolate and location of the Worker sees the same claims and buckets, as
 * instances sharing one Redis do.
 *
 * @example
 * ```ts
 * const stores = createDurableStores({ namespace: env.MAILBRIDGE_STATE, rateLimitPerMinute: 600 })
 * ```
 */
export function createDurableStores({ namespace, rateLimitPerMinute, prefix = 'mailbridge:' }: DurableStoresOptions): DurableStores {
  const object = (name: string) => namespace.get(namespace.idFromName(prefix + name))
  const idempotencyStore: IdempotencyStore = {
    claim: (key, { fingerprint, token }, ttlMs) => object(`idem:${key}`).claim(fingerprint, token, ttlMs),
    complete: (key, token, record, ttlMs) => object(`idem:${key}`).complete(token, record, ttlMs),
    release: (key, token) => object(`idem:${key}`).release(token),
  }
  const rateLimiterFor = (perMinute: number): RateLimiter => ({ limit: perMinute, take: (key) => object(`rl:${key}`).take(perMinute) })
  if (rateLimitPerMinute === undefined) return { idempotencyStore, rateLimiterFor }
  return { idempotencyStore, rateLimiter: rateLimiterFor(rateLimitPerMinute), rateLimiterFor }
}
