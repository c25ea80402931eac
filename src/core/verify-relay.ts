import { errorMessage } from '../http/log.js'
import { smtpFailure } from '../http/smtp-problem.js'
import { isSmtpError } from '../smtp/errors.js'
import type { SmtpPool } from '../smtp/pool.js'

/** What a relay check found. */
export type RelayVerdict = { ok: true } | { ok: false; /** The cause, in words an operator can act on (never a secret). */ reason: string }

/**
 * Checks a relay once the way a send reaches it, sending nothing: the pool
 * opens its first connection (connect, TLS, EHLO, AUTH when configured) and
 * keeps it for the first send, like nodemailer's `verify()` but without an
 * extra session. The connection's own deadlines bound it. Never throws.
 *
 * @example
 * ```ts
 * const verdict = await verifyRelay(pool)
 * if (!verdict.ok) log(serviceEvent('warn', verdict.reason))
 * ```
 */
export async function verifyRelay(pool: Pick<SmtpPool, 'warm'>): Promise<RelayVerdict> {
  try {
    await pool.warm()
    return { ok: true }
  } catch (err) {
    // The caller-facing detail names the cause; the error's own message adds the host and the OS error for the operator.
    return { ok: false, reason: isSmtpError(err) ? `${smtpFailure(err).problem.detail} (${err.message})` : errorMessage(err) }
  }
}
