import type { Metrics } from '../metrics/mailbridge.js'
import { withFallback } from '../smtp/failover.js'
import type { SmtpPool } from '../smtp/pool.js'
import type { Readiness } from '../smtp/probe.js'
import { withRetries, type RetryOptions } from '../smtp/retry.js'
import type { Mailer } from '../smtp/types.js'

/** Options for {@link createRelayMailer}. */
export interface RelayMailerOptions {
  /** The pool to the configured relay. */
  primary: SmtpPool
  /** The pool to `SMTP_FALLBACK_HOST`, used only when the primary is unreachable. */
  fallback?: SmtpPool | undefined
  /** `SMTP_RETRY_ATTEMPTS`. Default 3. */
  attempts?: number
  /** `SEND_TIMEOUT_MS`: one deadline per send, retries included. Default 30 000. */
  deadlineMs?: number
  /** Backoff and jitter settings (tests shorten them). */
  retry?: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>
  /** Fed with pool stats, attempt latency, retries, failovers and send outcomes. */
  metrics?: Metrics | undefined
  /** Told about each successful send, so `/readyz` needs no extra check while mail flows. */
  readiness?: Pick<Readiness, 'markAnswered'> | undefined
  /** Called when a send moves to the other relay. */
  onFailover?: (from: 'primary' | 'fallback', error: unknown) => void
}

/**
 * The `Mailer` the service sends through: pool(s) → fallback on an unreachable
 * primary → per-attempt timing → retries with backoff inside `SEND_TIMEOUT_MS`
 * → outcome counting and readiness evidence. `close()` closes every pool.
 *
 * @example
 * ```ts
 * const mailer = createRelayMailer({ primary: createSmtpPool(options), attempts: 3, deadlineMs: 30_000, metrics })
 * ```
 */
export function createRelayMailer({
  primary,
  fallback,
  attempts = 3,
  deadlineMs = 30_000,
  retry = {},
  metrics,
  readiness,
  onFailover,
}: RelayMailerOptions): Mailer {
  metrics?.observePool('primary', () => primary.stats())
  if (fallback) metrics?.observePool('fallback', () => fallback.stats())
  let relay: Mailer = primary
  if (fallback) {
    relay = withFallback(primary, fallback, {
      onFailover: (from, error) => {
        metrics?.onFailover(from)
        onFailover?.(from, error)
      },
    })
  }
  if (metrics) relay = metrics.timeAttempts(relay)
  const mailer = withRetries(relay, { ...retry, attempts, deadlineMs, ...(metrics ? { onRetry: metrics.onRetry } : {}) })
  const answered = readiness && (() => readiness.markAnswered())
  // With metrics, the counting layer marks readiness too: one async layer less per send.
  if (metrics) return metrics.countSends(mailer, answered)
  if (!answered) return mailer
  return {
    async send(message, options) {
      const result = await mailer.send(message, options)
      answered()
      return result
    },
    close: () => mailer.close(),
  }
}
