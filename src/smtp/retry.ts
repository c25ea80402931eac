import { DeadlineQueue } from './deadline-queue.js'
import { SmtpError, isSmtpError } from './errors.js'
import { isRetryable } from './failure.js'
import { SendAbort } from './send-abort.js'
import type { AbortSource, Mailer, OutgoingMessage, SendOptions, SendResult } from './types.js'

/** Told about each retry, for metrics and logs. */
export interface RetryEvent {
  /** The attempt that failed (1-based). */
  attempt: number
  /** Why it failed. */
  error: SmtpError
  /** How long we wait before the next attempt, in ms. */
  delayMs: number
}

/** Options for {@link withRetries}. */
export interface RetryOptions {
  /** Most attempts per send, the first included. Default 3 (`SMTP_RETRY_ATTEMPTS`). */
  attempts?: number
  /** Backoff before the second attempt, doubled before each further one. Default 100 ms. */
  baseDelayMs?: number
  /** Longest single backoff. Default 2 000 ms. */
  maxDelayMs?: number
  /**
   * The whole send's deadline, attempts and backoff included (`SEND_TIMEOUT_MS`).
   * When it passes, the attempt in flight is aborted: before the final dot's
   * write is under way this is `ETIMEOUT`; once it is, or its reply is awaited,
   * `EUNKNOWN_OUTCOME`. Default 30 000 ms.
   */
  deadlineMs?: number
  /** Uniform random number in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number
  /** Called before each retry's backoff. */
  onRetry?: (event: RetryEvent) => void
}

/**
 * The backoff before attempt `attempt + 1`: `baseDelayMs · 2^(attempt-1)`, capped
 * at `maxDelayMs`, with "equal jitter" (half fixed, half random) so that many
 * senders hit by the same outage do not come back in lockstep.
 */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/**
 * Wraps a `Mailer` so that transient failures before hand-over are retried with
 * jittered exponential backoff, within one deadline per send (see
 * {@link isRetryable}). Nothing is retried once the final dot may have reached the
 * relay: that stays `EUNKNOWN_OUTCOME` (HTTP `delivery_unknown`).
 *
 * @example
 * ```ts
 * const mailer = withRetries(createSmtpPool(options), { attempts: 3, deadlineMs: 30_000 })
 * ```
 */
export function withRetries(
  mailer: Mailer,
  {
    attempts = 3,
    baseDelayMs = 100,
    maxDelayMs = 2_000,
    deadlineMs = 30_000,
    random = Math.random,
    onRetry,
  }: RetryOptions = {},
): Mailer {
  if (!(attempts >= 1)) throw new RangeError('attempts must be at least 1')
  if (!(deadlineMs > 0)) throw new RangeError('deadlineMs must be positive')

  /** Sends in flight: all share `deadlineMs`, so one timer, armed for the oldest, cuts them in turn. */
  const inFlight = new DeadlineQueue<Flight>({
    timeoutMs: deadlineMs,
    onExpire: (flight) => {
      flight.expired = true
      flight.abort(new Error(`send deadline of ${deadlineMs} ms passed`))
    },
  })

  async function send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const started = performance.now()
    // Each send has its own abort, never a reused one.
    const flight = new Flight()
    const ticket = inFlight.push(flight)
    const outer = options.signal
    let forward: (() => void) | undefined
    if (outer !== undefined) {
      forward = () => flight.abort(outer.reason)
      if (outer.aborted) forward()
      else outer.addEventListener('abort', forward, { once: true })
    }
    const attemptOptions: SendOptions = { signal: flight }

    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await mailer.send(message, attemptOptions)
        } catch (err) {
          if (flight.expired) throw deadlineError(err, deadlineMs)
          if (attempt >= attempts || outer?.aborted || !isRetryable(err)) throw err
          const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs, random)
          // No point sleeping past the deadline: report the failure we have.
          if (performance.now() - started + delayMs >= deadlineMs) throw err
          onRetry?.({ attempt, error: err as SmtpError, delayMs })
          await sleep(delayMs, flight)
          if (flight.expired) throw deadlineError(err, deadlineMs)
          if (outer?.aborted) throw err
        }
      }
    } finally {
      if (forward !== undefined) outer!.removeEventListener('abort', forward)
      inFlight.remove(ticket)
    }
  }

  return { send, close: () => mailer.close() }
}

/** One send in flight in {@link withRetries}: aborts the attempt in flight. */
class Flight extends SendAbort {
  /** The deadline fired. */
  expired = false
}

/**
 * What a send reports when its deadline cut it: the attempt's own error when
 * it is more than the abort (the transaction already reports a cut during the
 * content or the final reply as `EUNKNOWN_OUTCOME`); a bare abort, which can
 * only come before the content, becomes `ETIMEOUT` (HTTP `relay_timeout`).
 */
function deadlineError(err: unknown, deadlineMs: number): unknown {
  if (isSmtpError(err) && err.code !== 'EABORTED') return err
  return new SmtpError('ETIMEOUT', `the relay did not take the message within the send deadline of ${deadlineMs} ms`, {
    ...(isSmtpError(err) && err.command !== undefined ? { command: err.command } : {}),
    transient: true,
    cause: err,
  })
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSource): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
