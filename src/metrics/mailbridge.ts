import type { PoolStats } from '../smtp/pool.js'
import { isSmtpError } from '../smtp/errors.js'
import { classifyFailure } from '../smtp/failure.js'
import type { RetryEvent } from '../smtp/retry.js'
import type { Mailer } from '../smtp/types.js'
import { Counter, Gauge, Histogram, Registry } from './registry.js'

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /** Pools to report, by relay name (`primary`, `fallback`). Add more later with `observePool`. */
  pools?: Record<string, () => PoolStats>
  /** Histogram buckets for the SMTP transaction latency, in seconds. */
  latencyBuckets?: readonly number[]
}

/** mailbridge's metrics and the hooks that feed them. */
export interface Metrics {
  readonly registry: Registry
  /** `mailbridge_http_requests_total{route,method,status}` */
  readonly requests: Counter
  /** `mailbridge_sends_total{outcome}`: `sent`, or the problem code of the failure. */
  readonly sends: Counter
  /** `mailbridge_smtp_transaction_seconds{result}`: each attempt at the relay. */
  readonly smtpLatency: Histogram
  /** `mailbridge_smtp_retries_total{error}` */
  readonly retries: Counter
  /** `mailbridge_relay_failovers_total{from}` */
  readonly failovers: Counter
  /** `mailbridge_idempotent_replays_total` */
  readonly replays: Counter
  /** Reports a pool's connections and queue under `relay="<name>"`. */
  observePool(name: string, stats: () => PoolStats): void
  /**
   * Counts each send's final outcome (wrap outside the retries). `onSent` is
   * called after each successful send, before it is counted: a caller with
   * something to do per success needs no async layer of its own.
   */
  countSends(mailer: Mailer, onSent?: () => void): Mailer
  /** Times each attempt at the relay (wrap inside the retries). */
  timeAttempts(mailer: Mailer): Mailer
  /** For `withRetries({ onRetry })`. */
  onRetry(event: RetryEvent): void
  /** For `withFallback({ onFailover })`. */
  onFailover(from: string): void
  /** Reports a shared store's health as `mailbridge_store_up{store}` (1 up, 0 down). */
  observeStore(name: string, health: () => { up: boolean }): void
  /** The exposition text for `GET /metrics`. */
  render(): string
}

/** The problem code a send failure is answered with, or `internal_error`. */
function outcomeOf(err: unknown): string {
  return isSmtpError(err) ? classifyFailure(err).outcome : 'internal_error'
}

/**
 * Creates mailbridge's metrics: requests by route and status, sends by outcome,
 * SMTP transaction latency, pool connections in use and idle, queue length,
 * retries, failovers and idempotent replays.
 *
 * @example
 * ```ts
 * const metrics = createMetrics({ pools: { primary: () => pool.stats() } })
 * const mailer = metrics.countSends(withRetries(metrics.timeAttempts(pool), { onRetry: metrics.onRetry }))
 * ```
 */
export function createMetrics({ pools = {}, latencyBuckets }: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  const poolStats = new Map<string, () => PoolStats>(Object.entries(pools))
  const eachPool = <T>(pick: (name: string, s: PoolStats) => T[]): T[] => {
    const out: T[] = []
    for (const [name, stats] of poolStats) out.push(...pick(name, stats()))
    return out
  }

  const requests = registry.register(new Counter('mailbridge_http_requests_total', 'HTTP requests answered, by route, method and status.'))
  const sends = registry.register(new Counter('mailbridge_sends_total', 'Messages handed to the SMTP client, by outcome: sent, or the problem code answered.'))
  const smtpLatency = registry.register(
    new Histogram('mailbridge_smtp_transaction_seconds', 'Time of each attempt at the relay (waiting for a connection included), by result.', latencyBuckets),
  )
  const retries = registry.register(new Counter('mailbridge_smtp_retries_total', 'Sends retried after a transient failure before hand-over, by error code.'))
  const failovers = registry.register(new Counter('mailbridge_relay_failovers_total', 'Sends moved to the other relay because one was unreachable, by the relay that failed.'))
  const replays = registry.register(new Counter('mailbridge_idempotent_replays_total', 'Responses replayed for a repeated Idempotency-Key.'))
  registry.register(
    new Gauge('mailbridge_pool_connections', 'Relay connections by state (in_use, idle, opening).', () =>
      eachPool((relay, s) => [
        { labels: { relay, state: 'in_use' }, value: s.inUse },
        { labels: { relay, state: 'idle' }, value: s.idle },
        { labels: { relay, state: 'opening' }, value: s.opening },
      ]),
    ),
  )
  const stores = new Map<string, () => { up: boolean }>()
  registry.register(
    new Gauge('mailbridge_store_up', 'Whether a shared store (Redis) is usable: 1 up, 0 down (requests fail fast while down).', () =>
      [...stores].map(([store, health]) => ({ labels: { store }, value: health().up ? 1 : 0 })),
    ),
  )
  registry.register(
    new Gauge('mailbridge_pool_queue_length', 'Sends waiting for a relay connection.', () =>
      eachPool((relay, s) => [{ labels: { relay }, value: s.queued }]),
    ),
  )
  registry.register(
    new Gauge('mailbridge_pool_connections_created', 'Relay connections opened since start.', () =>
      eachPool((relay, s) => [{ labels: { relay }, value: s.created }]),
    ),
  )

  // The labels of every successful send and attempt, resolved once.
  const sent = sends.labelled({ outcome: 'sent' })
  const attemptOk = smtpLatency.labelled({ result: 'ok' })

  return {
    registry,
    requests,
    sends,
    smtpLatency,
    retries,
    failovers,
    replays,
    observePool: (name, stats) => void poolStats.set(name, stats),
    countSends: (mailer, onSent) => ({
      async send(message, options) {
        try {
          const result = await mailer.send(message, options)
          onSent?.()
          sent.inc()
          return result
        } catch (err) {
          sends.inc({ outcome: outcomeOf(err) })
          throw err
        }
      },
      close: () => mailer.close(),
    }),
    timeAttempts: (mailer) => ({
      async send(message, options) {
        const started = performance.now()
        try {
          const result = await mailer.send(message, options)
          attemptOk.observe((performance.now() - started) / 1000)
          return result
        } catch (err) {
          smtpLatency.observe((performance.now() - started) / 1000, { result: isSmtpError(err) ? err.code : 'error' })
          throw err
        }
      },
      close: () => mailer.close(),
    }),
    onRetry: (event) => retries.inc({ error: event.error.code }),
    onFailover: (from) => failovers.inc({ from }),
    observeStore: (name, health) => void stores.set(name, health),
    render: () => registry.render(),
  }
}
