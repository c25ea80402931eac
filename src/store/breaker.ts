/** Whether a store is usable, as a breaker sees it. */
export interface StoreHealth {
  up: boolean
  /** `Date.now()` when it last went up or down. */
  since: number
  /** Why it is down (an error message, never a URL or a password). */
  reason?: string
}

/** Thrown at once, without touching the store, while the breaker is open. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
  readonly code = 'ESTORE_UNAVAILABLE'
}

/** Options for {@link createBreaker}. */
export interface BreakerOptions {
  /** Names the store in errors (`redis`). */
  name: string
  /** After a failure, calls fail at once for this long; then one call probes the store again. Default 5 000 ms. */
  cooldownMs?: number
  /** Told once when the store goes down and once when it is back. */
  onChange?: (health: StoreHealth) => void
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

/** A circuit breaker in front of a shared store. */
export interface Breaker {
  /** Runs `call` unless the breaker is open, in which case it fails at once with {@link StoreUnavailableError}. */
  run<T>(call: () => Promise<T>): Promise<T>
  /** Marks the store down now (e.g. its connection reported an error). */
  down(reason: string): void
  /** Marks the store up now (e.g. its connection is ready again). */
  up(): void
  health(): StoreHealth
}

/**
 * A circuit breaker for a store that can go away (Redis): while the store is
 * down, callers fail at once instead of each waiting for a timeout. A failed
 * call, or the connection's own report, opens it; after `cooldownMs` one
 * call at a time probes the store, and a success (or the connection's
 * `ready`) closes it. Changes are reported once each, for one log line per
 * outage.
 *
 * @example
 * ```ts
 * const breaker = createBreaker({ name: 'redis', onChange: (h) => log(h.up ? 'redis back' : `redis down: ${h.reason}`) })
 * const value = await breaker.run(() => redis.get(key))
 * ```
 */
export function createBreaker({ name, cooldownMs = 5_000, onChange, now = Date.now }: BreakerOptions): Breaker {
  let health: StoreHealth = { up: true, since: now() }
  let retryAt = 0
  let probing = false

  const open = (reason: string) => {
    retryAt = now() + cooldownMs
    if (!health.up) return
    health = { up: false, since: now(), reason }
    onChange?.(health)
  }
  const close = () => {
    retryAt = 0
    if (health.up) return
    health = { up: true, since: now() }
    onChange?.(health)
  }

  return {
    async run(call) {
      if (!health.up && (now() < retryAt || probing)) {
        throw new StoreUnavailableError(`${name} is unavailable (${health.reason ?? 'down'}); retrying in the background`)
      }
      const probe = !health.up
      if (probe) probing = true
      try {
        const result = await call()
        close()
        return result
      } catch (err) {
        open(err instanceof Error ? err.message : String(err))
        throw err
      } finally {
        if (probe) probing = false
      }
    },
    down: open,
    up: close,
    health: () => health,
  }
}
