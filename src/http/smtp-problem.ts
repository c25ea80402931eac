import type { SmtpError } from '../smtp/errors.js'
import { classifyFailure, type FailureOutcome } from '../smtp/failure.js'
import { failure, problem, type ProblemOutcome, type SmtpDetails } from './problem.js'

/** Seconds a caller should wait after `relay_busy`. */
export const RETRY_AFTER_SECONDS = 30

const details = (e: SmtpError): SmtpDetails => ({
  code: e.responseCode ?? null,
  enhanced_code: e.enhancedCode ?? null,
  command: e.command ?? null,
  response: e.response ?? null,
})

const DETAILS: Record<Exclude<FailureOutcome, 'smtp_rejected'>, string> = {
  delivery_unknown:
    'The connection to the relay was lost after the message was handed over and before the relay confirmed it; it may or may not be delivered.',
  relay_timeout: 'The relay did not answer in time; the message was not handed over.',
  relay_busy: 'The relay is busy or answered with a temporary failure; retry later.',
  payload_too_large: 'The message is larger than the relay accepts.',
  relay_unavailable: 'The relay could not be reached or refused the connection, TLS or authentication.',
}

function rejectedDetail(e: SmtpError): string {
  switch (e.command) {
    case 'MAIL':
      return 'The relay refused the sender.'
    case 'RCPT':
      return 'The relay refused every recipient.'
    case 'DATA':
    case 'MESSAGE':
      return 'The relay refused the message.'
    default:
      return 'The relay refused the message envelope.'
  }
}

/**
 * The problem for an SMTP client failure: `classifyFailure` (in `smtp/failure.ts`)
 * picks the problem code, whose status is the problem table's (413, 422, 502,
 * 503 with `Retry-After`, or 504); this adds the detail a caller reads and the
 * relay's reply as `smtp`.
 */
export function smtpFailure(e: SmtpError): ProblemOutcome {
  const code = classifyFailure(e).outcome
  const local = e.responseCode === undefined && (code === 'smtp_rejected' || code === 'payload_too_large')
  // A refusal the client made itself (no relay reply) says why in its message,
  // which names only the relay's limits, never hosts or credentials.
  const detail = local
    ? `The message was not sent: ${e.message}.`
    : code === 'smtp_rejected'
      ? rejectedDetail(e)
      : DETAILS[code]
  const p = problem(code, detail, { smtp: details(e) })
  return code === 'relay_busy' ? failure(p, { 'Retry-After': String(RETRY_AFTER_SECONDS) }) : failure(p)
}
