import { openSmtpConnection } from './connection.js'
import { replyError } from './channel.js'
import { isSmtpError } from './errors.js'
import { classifyFailure } from './failure.js'
import type { SmtpConnectionOptions } from './types.js'

/** Whether the service can send: what `GET /readyz` reports. */
export type ReadyState =
  | { ready: true; /** `Date.now()` of the evidence. */ checkedAt: number }
  | { ready: false; /** Why not, for operators (never credentials). */ reason: string; checkedAt: number }

/** One readiness check: resolves when the relay answered, rejects with the reason otherwise. */
export type RelayCheck = (signal: AbortSignal) => Promise<void>

/**
 * A check that opens a connection to the relay (greeting, EHLO, STARTTLS and
 * AUTH as configured) and QUITs it. Without credentials it also asks
 * `MAIL FROM:<>` (then RSET, sending nothing): a relay that answers that it
 * wants authentication (530, 534, 535, 538) is not ready to take mail.
 *
 * @example
 * ```ts
 * const check = ehloCheck({ host: 'relay.example.com', port: 587 })
 * ```
 */
export function ehloCheck(options: SmtpConnectionOptions): RelayCheck {
  return async (signal) => {
    const conn = await openSmtpConnection(options, signal)
    try {
      if (options.auth === undefined) {
        const reply = await conn.probeSender(signal)
        if (classifyFailure(replyError('EENVELOPE', 'MAIL refused', reply, 'MAIL')).reason === 'credentials') {
          throw replyError('EENVELOPE', 'the relay wants authentication and none is configured (set SMTP_USER and SMTP_PASS); its answer to MAIL', reply, 'MAIL')
        }
      }
    } finally {
      await conn.quit()
    }
  }
}

/** Options for {@link createReadiness}. */
export interface ReadinessOptions {
  /** Relays to check, by name, in order; ready when any answers. */
  checks: Record<string, RelayCheck>
  /** How long an answer (or a failure) is reused. Default 5 000 ms. */
  cacheMs?: number
  /** Longest one check may take. Default 2 000 ms. */
  timeoutMs?: number
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

/** Readiness with a cache, fed by checks and by evidence from real sends. */
export interface Readiness {
  /** The cached state, or a fresh check when it is older than `cacheMs`. Never rejects. */
  check(): Promise<ReadyState>
  /** Notes that the relay just answered (a send succeeded), sparing a check. */
  markAnswered(): void
}

/**
 * Readiness for `GET /readyz`: ready when a relay answered an EHLO (or took a
 * message) within `cacheMs`; otherwise it checks again, each relay with a
 * `timeoutMs` budget. Concurrent callers share one check.
 *
 * @example
 * ```ts
 * const readiness = createReadiness({ checks: { primary: ehloCheck(relayOptions) } })
 * createApp({ mailer, readiness: readiness.check })
 * ```
 */
export function createReadiness({ checks, cacheMs = 5_000, timeoutMs = 2_000, now = Date.now }: ReadinessOptions): Readiness {
  const names = Object.keys(checks)
  if (names.length === 0) throw new RangeError('readiness needs at least one check')
  let state: ReadyState | undefined
  let running: Promise<ReadyState> | undefined

  async function runOne(check: RelayCheck): Promise<void> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      await check(controller.signal)
    } catch (err) {
      if (controller.signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`)
      throw err
    } finally {
      clearTimeout(timer)
    }
  }

  async function probe(): Promise<ReadyState> {
    const reasons: string[] = []
    for (const name of names) {
      try {
        await runOne(checks[name]!)
        return { ready: true, checkedAt: now() }
      } catch (err) {
        reasons.push(`${names.length > 1 ? `${name} relay: ` : 'relay: '}${describe(err)}`)
      }
    }
    return { ready: false, reason: reasons.join('; '), checkedAt: now() }
  }

  return {
    check() {
      if (state && now() - state.checkedAt < cacheMs) return Promise.resolve(state)
      running ??= probe().then((s) => {
        state = s
        running = undefined
        return s
      })
      return running
    },
    markAnswered() {
      state = { ready: true, checkedAt: now() }
    },
  }
}

function describe(err: unknown): string {
  if (isSmtpError(err)) return `${err.code}: ${err.message}`
  return err instanceof Error ? err.message : String(err)
}
