import type { SmtpError } from '../smtp/errors.js'
import { failure, problem, type ProblemCode, type ProblemOutcome, type SmtpDetails } from './problem.js'

/** Seconds a caller should wait after `relay_busy`. */
export const RETRY_AFTER_SECONDS = 30

const details = (e: SmtpError): SmtpDetails => ({
  code: e.responseCode ?? null,
  enhanced_code: e.enhancedCode ?? null,
  command: e.command ?? null,
  response: e.response ?? null,
})

const is4xx = (code: number | undefined) => code !== undefined && code >= 400 && code < 500

/** Picks the problem code for an SMTP client failure: by error code, then reply class. */
export function smtpProblemCode(e: SmtpError): ProblemCode {
  switch (e.code) {
    case 'EUNKNOWN_OUTCOME':
      return 'delivery_unknown'
    case 'ETIMEOUT':
      return 'relay_timeout'
    case 'EBUSY':
    case 'EABORTED':
      return 'relay_busy'
  }
  if (is4xx(e.responseCode)) return 'relay_busy'
  switch (e.code) {
    case 'ESIZE':
      return 'payload_too_large'
    case 'EENVELOPE':
    case 'EMESSAGE':
      return 'smtp_rejected'
    default:
      // ECONNECT, ETLS, EAUTH, EPROTOCOL
      return 'relay_unavailable'
  }
}

const DETAILS: Record<string, string> = {
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
 * Maps an SMTP client failure to its DESIGN.md §4 problem: 413 for `ESIZE`,
 * 422 `smtp_rejected` for permanent envelope/message refusals, 502 for
 * connection/TLS/AUTH/protocol failures, 503 with `Retry-After` for transient
 * 4xx replies and a busy pool, 504 for timeouts and unknown outcomes. The
 * relay's reply is attached as `smtp`.
 */
export function smtpFailure(e: SmtpError): ProblemOutcome {
  const code = smtpProblemCode(e)
  const local = e.responseCode === undefined && (code === 'smtp_rejected' || code === 'payload_too_large')
  // A refusal the client made itself (no relay reply) says why in its message,
  // which names only the relay's limits, never hosts or credentials.
  const detail = local
    ? `The message was not sent: ${e.message}.`
    : code === 'smtp_rejected'
      ? rejectedDetail(e)
      : DETAILS[code]!
  const p = problem(code, detail, { smtp: details(e) })
  return code === 'relay_busy' ? failure(p, { 'Retry-After': String(RETRY_AFTER_SECONDS) }) : failure(p)
}
