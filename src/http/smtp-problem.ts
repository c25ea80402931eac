import type { SmtpError } from '../smtp/errors.js'
import { classifyFailure, type FailureOutcome, type FailureReason } from '../smtp/failure.js'
import { deliveriesOf } from '../smtp/mx/errors.js'
import { deliveryBody } from './deliveries.js'
import { failure, problem, type ProblemOutcome, type SmtpDetails } from './problem.js'

/** Seconds a caller should wait after `relay_busy`. */
export const RETRY_AFTER_SECONDS = 30
/** Seconds to wait after an MX host deferred the message: greylisting lets a sender in after minutes, not seconds. */
export const MX_RETRY_AFTER_SECONDS = 300

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

/** The relay's reply in one line, as it said it (replies never carry our credentials). */
const said = (e: SmtpError): string => (e.response ?? '').split('\n')[0]!.trim()

/** The error code of the TLS failure behind `e`, such as `DEPTH_ZERO_SELF_SIGNED_CERT`. */
const tlsCode = (e: SmtpError): string => {
  const code = (e.cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : 'unknown'
}

/** The detail for a failure whose cause a person can act on (the operator, usually). */
function reasonDetail(reason: FailureReason, e: SmtpError): string {
  switch (reason) {
    case 'credentials':
      return e.responseCode === 454
        ? `The relay could not authenticate us just now (${said(e)}); retry later.`
        : e.responseCode === undefined
          ? `Authentication with the relay is impossible (${e.message}): check SMTP_USER, SMTP_PASS, SMTP_AUTH_METHOD and SMTP_TLS.`
          : `The relay wants authentication or other credentials (it answered ${e.command ?? 'the session'} with ${said(e)}): check SMTP_USER, SMTP_PASS and SMTP_TLS.`
    case 'certificate':
      return `The relay's certificate was rejected: ${tlsCode(e)}; set SMTP_TLS_CA_FILE to the CA that signed it.`
    case 'clear_text':
      return 'The relay answered in clear text on an implicit-TLS port: is SMTP_TLS right (starttls for port 587, implicit for 465)?'
    case 'starttls_missing':
      return 'The relay does not offer STARTTLS, which SMTP_TLS=starttls requires; mailbridge never falls back to clear text.'
  }
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
  const { outcome: code, reason } = classifyFailure(e)
  const deliveries = deliveriesOf(e)
  if (deliveries) {
    // Direct delivery: the error's message names each domain and what its MX host said.
    const p = { ...problem(code, e.message, { smtp: details(e) }), deliveries: deliveries.map(deliveryBody) }
    return code === 'relay_busy' ? failure(p, { 'Retry-After': String(e.code === 'EDEFERRED' ? MX_RETRY_AFTER_SECONDS : RETRY_AFTER_SECONDS) }) : failure(p)
  }
  const local = e.responseCode === undefined && (code === 'smtp_rejected' || code === 'payload_too_large')
  // A refusal the client made itself (no relay reply) says why in its message,
  // which names only the relay's limits, never hosts or credentials.
  const detail = reason
    ? reasonDetail(reason, e)
    : local
    ? `The message was not sent: ${e.message}.`
    : code === 'smtp_rejected'
      ? rejectedDetail(e)
      : DETAILS[code]
  const p = problem(code, detail, { smtp: details(e) })
  return code === 'relay_busy' ? failure(p, { 'Retry-After': String(RETRY_AFTER_SECONDS) }) : failure(p)
}
