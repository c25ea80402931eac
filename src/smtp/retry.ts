import { SmtpError, isCertificateCode, isSmtpError, type SmtpCommand } from './errors.js'
import { WaitQueue, type WaitNode } from './wait-queue.js'
import type { Mailer, OutgoingMessage, SendOptions, SendResult } from './types.js'

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
   * When it passes, the attempt in flight is aborted: before the content this is
   * `ETIMEOUT`, once the content is being written or its reply awaited
   * `EUNKNOWN_OUTCOME`. Default 30 000 ms.
   */
  deadlineMs?: number
  /** Uniform random number in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number
  /** Called before each retry's backoff. */
  onRetry?: (event: RetryEvent) => void
}

/** Commands of the opening handshake: a failure there happened before any transaction. */
const CONNECT_PHASE: ReadonlySet<SmtpCommand | undefined> = new Set<SmtpCommand | undefined>([
  'CONNECT',
  'GREETING',
  'EHLO',
  'HELO',
  'STARTTLS',
])

const is4xx = (code: number | undefined): boolean => code !== undefined && code >= 400 && code < 500

/** Whether a TLS failure is about the relay's certificate rather than the handshake itself. */
export function isCertificateError(err: SmtpError): boolean {
  if (err.code !== 'ETLS') return false
  const cause = err.cause as { code?: unknown } | undefined
  const causeCode = typeof cause?.code === 'string' ? cause.code : ''
  return isCertificateCode(causeCode) || /certificate/i.test(err.message)
}

/**
 * Whether a failed send may be tried again: only failures before the message was
 * handed over (issue 6). Retried: a refused, reset or lost connection before the
 * content was written (`ECONNECT` without a reply, or with a 4xx such as 421 on the
 * greeting, EHLO, MAIL, RCPT or DATA); a timeout during the opening handshake; a TLS
 * handshake failure that is not a certificate error; a 4xx to MAIL; a 4xx to every
 * RCPT. Never retried: anything at or after the final dot (`command: 'MESSAGE'`,
 * `EUNKNOWN_OUTCOME`), permanent 5xx, `EAUTH`, `EPROTOCOL`, `ESIZE`, `EMESSAGE`,
 * `EBUSY` (the pool already waited) and `EABORTED`.
 */
export function isRetryable(err: unknown): boolean {
  if (!isSmtpError(err)) return false
  if (err.command === 'MESSAGE') return false
  switch (err.code) {
    case 'ECONNECT':
      // Lost connection (no reply) or a transient reply such as 421 / 4xx greeting.
      return err.responseCode === undefined || is4xx(err.responseCode)
    case 'ETIMEOUT':
      return CONNECT_PHASE.has(err.command)
    case 'ETLS':
      if (err.responseCode !== undefined) return is4xx(err.responseCode) // e.g. 454 to STARTTLS
      return err.transient && !isCertificateError(err)
    case 'EENVELOPE':
      // MAIL 4xx, or RCPT where every recipient got a 4xx (transient is false when any got a 5xx).
      return (err.command === 'MAIL' || err.command === 'RCPT') && is4xx(err.responseCode) && err.transient
    default:
      // EAUTH, EPROTOCOL, ESIZE, EMESSAGE, EUNKNOWN_OUTCOME, EBUSY, EABORTED
      return false
  }
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
 * The `signal` each attempt receives belongs to that send only until the send
 * settles; then it may be handed to a later send. A wrapped mailer must not
 * act on it afterwards (the pool, the client and the channel do not: an abort
 * only counts while an operation of theirs with that signal is under way).
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

  /**
   * Sends in flight, oldest first. Every send has the same `deadlineMs`, so
   * they expire in the order they started: one timer, armed for the oldest,
   * serves them all (not one timer per send).
   */
  const inFlight = new WaitQueue<Flight>()
  let timer: ReturnType<typeof setTimeout> | undefined
  /**
   * Controllers of settled sends whose deadline never fired, reused: creating
   * an AbortController costs several microseconds, the largest single cost of
   * a send that succeeds at once.
   */
  const spare: AbortController[] = []

  function armTimer(): void {
    const head = inFlight.peek()
    if (timer !== undefined || head === undefined) return
    timer = setTimeout(expire, Math.max(0, head.deadline - performance.now()))
  }

  function expire(): void {
    timer = undefined
    const now = performance.now()
    for (let head = inFlight.peek(); head !== undefined && head.deadline <= now; head = inFlight.peek()) {
      inFlight.shift()
      head.expired = true
      head.controller.abort(new Error(`send deadline of ${deadlineMs} ms passed`))
    }
    armTimer()
  }

  function settle(flight: Flight): void {
    inFlight.remove(flight.node)
    if (inFlight.size === 0 && timer !== undefined) {
      // Nothing left to expire: no timer keeps the process alive.
      clearTimeout(timer)
      timer = undefined
    }
    if (!flight.controller.signal.aborted && spare.length < MAX_SPARE_CONTROLLERS) spare.push(flight.controller)
  }

  async function send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const started = performance.now()
    const controller = spare.pop() ?? new AbortController()
    const flight: Flight = { controller, deadline: started + deadlineMs, expired: false, node: undefined! }
    flight.node = inFlight.push(flight)
    armTimer()
    const outer = options.signal
    let forward: (() => void) | undefined
    if (outer !== undefined) {
      forward = () => controller.abort(outer.reason)
      if (outer.aborted) forward()
      else outer.addEventListener('abort', forward, { once: true })
    }
    const signal = controller.signal
    const attemptOptions: SendOptions = outer === undefined ? { signal } : { ...options, signal }

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
          await sleep(delayMs, signal)
          if (flight.expired) throw deadlineError(err, deadlineMs)
          if (outer?.aborted) throw err
        }
      }
    } finally {
      if (forward !== undefined) outer!.removeEventListener('abort', forward)
      settle(flight)
    }
  }

  return { send, close: () => mailer.close() }
}

/** Most idle AbortControllers kept for reuse by one {@link withRetries}. */
const MAX_SPARE_CONTROLLERS = 256

/** One send in flight in {@link withRetries}. */
interface Flight {
  /** Aborts the attempt in flight; reused by a later send unless it was aborted. */
  controller: AbortController
  /** `performance.now()` past which the send is cut. */
  deadline: number
  /** The deadline fired. */
  expired: boolean
  node: WaitNode<Flight>
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
function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
