import type { SmtpCommand, SmtpError, SmtpErrorCode } from './errors.js'
import type { DeliveryStatus } from './mx/types.js'

/**
 * Every decision about a failed send, in one place: whether the failure is
 * transient, whether the same message may be tried again, whether the
 * fallback relay should take it, whether a pooled connection was found dead,
 * and what the caller is told. The pool, the retry policy, the fallback, the
 * metrics and the HTTP problem mapping all ask this module; none decides on
 * its own.
 */

/** What a failed send means for the caller; the HTTP layer answers with the problem of the same name. */
export type FailureOutcome =
  | 'relay_unavailable'
  | 'relay_timeout'
  | 'relay_busy'
  | 'smtp_rejected'
  | 'payload_too_large'
  | 'delivery_unknown'

/**
 * What a person can act on, when the failure says it: the relay wants other
 * credentials or transport (`credentials`), its certificate was rejected
 * (`certificate`), it spoke clear text where TLS was expected (`clear_text`),
 * or it does not offer the STARTTLS that is required (`starttls_missing`).
 */
export type FailureReason = 'credentials' | 'certificate' | 'clear_text' | 'starttls_missing'

/** The decisions for one failure. */
export interface FailureDecision {
  outcome: FailureOutcome
  /** The cause a person can act on, when known. */
  reason?: FailureReason
  /** The message was not handed over and the failure may pass: try the same message again after a backoff. */
  retry: boolean
  /** The relay could not be reached at all (no SMTP answer): try the fallback relay. */
  failover: boolean
}

/** Where in the session a command belongs. */
type Phase = 'connect' | 'tls' | 'hello' | 'auth' | 'envelope' | 'body' | 'content' | 'other'

const PHASES: Record<SmtpCommand, Phase> = {
  CONNECT: 'connect',
  GREETING: 'connect',
  STARTTLS: 'tls',
  EHLO: 'hello',
  HELO: 'hello',
  AUTH: 'auth',
  MAIL: 'envelope',
  RCPT: 'envelope',
  DATA: 'envelope',
  CONTENT: 'body',
  MESSAGE: 'content',
  RSET: 'other',
  NOOP: 'other',
  QUIT: 'other',
}

/** The facts a decision is made from. */
interface Facts {
  code: SmtpErrorCode
  command: SmtpCommand | undefined
  /** The relay's reply code, when it answered. */
  responseCode: number | undefined
  phase: Phase
  /** The relay's reply class: none, a transient 4xx, or a permanent 5xx (or other). */
  reply: 'none' | '4xx' | '5xx'
  transient: boolean
  certificate: boolean
  /** The TLS handshake met clear text (an SMTP greeting where a TLS record was expected). */
  clearText: boolean
  /** The error wraps another (a socket or TLS error); local refusals have none. */
  hasCause: boolean
}

interface Rule {
  /** Why the row exists, for readers and test names. */
  case: string
  when: (f: Facts) => boolean
  decide: FailureDecision
}

const decision = (outcome: FailureOutcome, retry = false, failover = false, reason?: FailureReason): FailureDecision =>
  reason === undefined ? { outcome, retry, failover } : { outcome, retry, failover, reason }

/**
 * Replies that mean the relay wants other credentials or transport, not a
 * different message (RFC 4954 §6, RFC 3207): 530 authentication required, 534
 * mechanism too weak, 535 credentials invalid, 538 encryption required, 454
 * temporary authentication failure.
 */
const CREDENTIAL_REPLIES: ReadonlySet<number> = new Set([530, 534, 535, 538])
const wantsCredentials = (f: Facts) =>
  (f.code === 'EAUTH' && f.reply !== '4xx') || (f.responseCode !== undefined && CREDENTIAL_REPLIES.has(f.responseCode) && f.phase !== 'content')
const tempAuthFailure = (f: Facts) => f.responseCode === 454 && f.phase !== 'tls' && f.phase !== 'content'
const is = (code: SmtpErrorCode) => (f: Facts) => f.code === code

/**
 * The table: the first row whose `when` holds decides. Retries happen only
 * before the message was handed over; the fallback relay only when the
 * primary gave no SMTP answer; a 4xx reply is always `relay_busy` unless the
 * failure is a timeout or an unknown outcome.
 */
const RULES: readonly Rule[] = [
  { case: 'a recipient domain could not take the message now (direct delivery keeps no queue)', when: is('EDEFERRED'), decide: decision('relay_busy') },
  { case: 'lost after the final dot may have left', when: is('EUNKNOWN_OUTCOME'), decide: decision('delivery_unknown') },
  { case: 'the recipient domain accepts no mail (null MX)', when: is('ENULLMX'), decide: decision('smtp_rejected') },
  { case: 'the recipient domain does not exist or has no address', when: is('ENODOMAIN'), decide: decision('smtp_rejected') },
  { case: 'no MX host of the recipient domain has an address', when: is('ENOROUTE'), decide: decision('smtp_rejected') },
  { case: 'a DNS lookup failed for now', when: is('EDNS'), decide: decision('relay_busy') },
  { case: 'the pool already waited for a connection', when: is('EBUSY'), decide: decision('relay_busy') },
  { case: 'aborted, or the client is closing', when: is('EABORTED'), decide: decision('relay_busy') },
  { case: 'no answer while connecting or greeting', when: (f) => f.code === 'ETIMEOUT' && f.phase === 'connect', decide: decision('relay_timeout', true, true) },
  { case: 'no answer to EHLO, HELO or STARTTLS', when: (f) => f.code === 'ETIMEOUT' && (f.phase === 'hello' || f.phase === 'tls'), decide: decision('relay_timeout', true) },
  { case: 'no answer inside a transaction', when: is('ETIMEOUT'), decide: decision('relay_timeout') },
  { case: 'authentication failed, or the relay wants other credentials or transport (530, 534, 535, 538)', when: wantsCredentials, decide: decision('relay_unavailable', false, false, 'credentials') },
  { case: 'temporary authentication failure (454)', when: tempAuthFailure, decide: decision('relay_busy', false, false, 'credentials') },
  { case: 'transient reply while the content was sent', when: (f) => f.phase === 'content' && f.reply === '4xx', decide: decision('relay_busy') },
  { case: 'message refused as too large', when: (f) => f.code === 'ESIZE' && f.reply !== '4xx', decide: decision('payload_too_large') },
  { case: 'message refused at DATA or after the final dot', when: (f) => f.code === 'EMESSAGE' && f.reply !== '4xx', decide: decision('smtp_rejected') },
  { case: 'connection lost at the content', when: (f) => f.phase === 'content', decide: decision('relay_unavailable') },
  { case: 'refused or reset before the greeting', when: (f) => f.code === 'ECONNECT' && f.reply === 'none' && f.phase === 'connect', decide: decision('relay_unavailable', true, true) },
  { case: 'connection lost before the final dot left', when: (f) => f.code === 'ECONNECT' && f.reply === 'none', decide: decision('relay_unavailable', true) },
  { case: 'transient reply that closes the session (421)', when: (f) => f.code === 'ECONNECT' && f.reply === '4xx', decide: decision('relay_busy', true) },
  { case: 'TLS refused with a transient reply (454)', when: (f) => f.code === 'ETLS' && f.reply === '4xx', decide: decision('relay_busy', true) },
  { case: 'certificate rejected', when: (f) => f.code === 'ETLS' && f.certificate, decide: decision('relay_unavailable', false, false, 'certificate') },
  {
    case: 'STARTTLS required but not offered',
    when: (f) => f.code === 'ETLS' && f.phase === 'tls' && f.reply === 'none' && !f.transient && !f.hasCause,
    decide: decision('relay_unavailable', false, false, 'starttls_missing'),
  },
  { case: 'clear text where TLS was expected', when: (f) => f.code === 'ETLS' && f.clearText, decide: decision('relay_unavailable', false, false, 'clear_text') },
  { case: 'TLS refused or impossible', when: (f) => f.code === 'ETLS' && (f.reply === '5xx' || !f.transient), decide: decision('relay_unavailable') },
  { case: 'TLS handshake failed while connecting', when: (f) => f.code === 'ETLS' && (f.phase === 'connect' || f.phase === 'tls'), decide: decision('relay_unavailable', true, true) },
  { case: 'TLS handshake failed', when: is('ETLS'), decide: decision('relay_unavailable', true) },
  {
    case: 'sender, or every recipient, refused for now',
    when: (f) => f.code === 'EENVELOPE' && (f.command === 'MAIL' || f.command === 'RCPT') && f.reply === '4xx' && f.transient,
    decide: decision('relay_busy', true),
  },
  { case: 'any other transient reply', when: (f) => f.reply === '4xx', decide: decision('relay_busy') },
  { case: 'envelope refused', when: is('EENVELOPE'), decide: decision('smtp_rejected') },
  { case: 'authentication, protocol or a permanent refusal of the session', when: () => true, decide: decision('relay_unavailable') },
]

/** OpenSSL / Node error codes of certificate problems: retrying cannot fix them. */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ALTNAME/

/**
 * Whether a TLS error code (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`) is about the relay's certificate rather than
 * the handshake itself.
 */
export const isCertificateCode = (code: string): boolean => CERTIFICATE_CODE.test(code)

const causeCode = (cause: unknown): string => {
  const code = (cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : ''
}

/** Whether a TLS failure is about the relay's certificate rather than the handshake itself. */
export function isCertificateError(err: Pick<SmtpError, 'code' | 'cause' | 'message'>): boolean {
  if (err.code !== 'ETLS') return false
  return isCertificateCode(causeCode(err.cause)) || /certificate/i.test(err.message)
}

/**
 * Error codes and messages of a TLS handshake that read an SMTP greeting
 * instead of a TLS record: OpenSSL's "wrong version number" (Node
 * `ERR_SSL_WRONG_VERSION_NUMBER`), "packet length too long", "http request".
 */
const CLEAR_TEXT = /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|wrong version number|packet length too long/i

/** Whether a TLS failure means the relay spoke clear text where a TLS handshake was expected (usually a port/`SMTP_TLS` mismatch). */
export function isClearTextError(err: Pick<SmtpError, 'code' | 'cause' | 'message'>): boolean {
  if (err.code !== 'ETLS') return false
  const cause = err.cause as { message?: unknown } | undefined
  return CLEAR_TEXT.test(causeCode(err.cause)) || CLEAR_TEXT.test(typeof cause?.message === 'string' ? cause.message : '') || CLEAR_TEXT.test(err.message)
}

/**
 * Whether a failure may pass if tried later, when its creator does not say:
 * a 4xx reply, a lost or refused connection, a timeout, a busy or closing
 * client, and a TLS failure that is not about the certificate.
 */
export function defaultTransient(code: SmtpErrorCode, responseCode: number | undefined, cause?: unknown): boolean {
  if (responseCode !== undefined) return responseCode >= 400 && responseCode < 500
  if (code === 'ETLS') return !isCertificateCode(causeCode(cause))
  return code === 'ECONNECT' || code === 'ETIMEOUT' || code === 'EBUSY' || code === 'EABORTED'
}

function factsOf(err: SmtpError): Facts {
  const r = err.responseCode
  return {
    code: err.code,
    command: err.command,
    phase: err.command === undefined ? 'other' : PHASES[err.command],
    reply: r === undefined ? 'none' : r >= 400 && r < 500 ? '4xx' : '5xx',
    responseCode: r,
    transient: err.transient,
    certificate: isCertificateError(err),
    clearText: isClearTextError(err),
    hasCause: err.cause !== undefined,
  }
}

/** The row of the table that decides `err`, with its decisions. */
export function classifyFailure(err: SmtpError): FailureDecision & { case: string } {
  const facts = factsOf(err)
  const rule = RULES.find((r) => r.when(facts))!
  return { case: rule.case, ...rule.decide }
}

const asSmtpError = (err: unknown): SmtpError | undefined =>
  err instanceof Error && err.name === 'SmtpError' && typeof (err as SmtpError).code === 'string' ? (err as SmtpError) : undefined

/** Whether a failed send may be tried again (see the table above); false for anything but an `SmtpError`. */
export function isRetryable(err: unknown): boolean {
  const e = asSmtpError(err)
  return e !== undefined && classifyFailure(e).retry
}

/** Whether a failure means the relay could not be reached at all, so the fallback relay should take the send. */
export function isUnreachable(err: unknown): boolean {
  const e = asSmtpError(err)
  return e !== undefined && classifyFailure(e).failover
}

/**
 * Whether a send failed on a pooled connection that was already dead, before
 * the relay could have taken the message: the connection was lost, or the
 * relay answered 421 (closing), anywhere before the content. Such a send may
 * be repeated once on a fresh connection.
 */
export function diedBeforeHandover(err: unknown): boolean {
  const e = asSmtpError(err)
  if (e === undefined || e.code === 'EUNKNOWN_OUTCOME' || e.command === 'MESSAGE') return false
  return e.code === 'ECONNECT' || e.responseCode === 421
}

const SESSION_COMMANDS: ReadonlySet<SmtpCommand> = new Set<SmtpCommand>(['CONNECT', 'GREETING', 'EHLO', 'HELO', 'STARTTLS'])

/**
 * Direct delivery: whether the next MX host of a domain may take the message
 * after `err` on this one. Yes when the host could not be reached or refused
 * the session (connect, greeting, EHLO, TLS), or the connection was lost or
 * closed (421) before the content was written. Never after a reply about the
 * message or its recipients (a 4xx there is greylisting, a 5xx a refusal),
 * and never once the content was being written.
 */
export function nextMxHostMayTry(err: unknown): boolean {
  const e = asSmtpError(err)
  if (e === undefined || e.code === 'EABORTED' || e.code === 'EUNKNOWN_OUTCOME' || e.command === 'MESSAGE' || e.command === 'CONTENT') return false
  if (e.command === undefined || SESSION_COMMANDS.has(e.command)) return true
  return e.code === 'ECONNECT' || e.code === 'ETIMEOUT'
}

/**
 * Direct delivery: the state a failure leaves one recipient domain in:
 * `rejected` (for good: null MX, no such domain, no route, a 5xx, a local
 * refusal that sending later cannot change), `unknown` (the final dot may
 * have left), or `deferred` (try later).
 */
export function mxDeliveryStatus(err: unknown): DeliveryStatus {
  const e = asSmtpError(err)
  if (e === undefined) return 'deferred'
  if (e.code === 'EUNKNOWN_OUTCOME') return 'unknown'
  if (e.code === 'ENULLMX' || e.code === 'ENODOMAIN' || e.code === 'ENOROUTE') return 'rejected'
  if (e.responseCode !== undefined) return e.responseCode >= 500 ? 'rejected' : 'deferred'
  // Refused before asking anyone (an address needing SMTPUTF8, a message over SIZE): sending later changes nothing.
  return (e.code === 'EENVELOPE' || e.code === 'ESIZE' || e.code === 'EMESSAGE') && !e.transient ? 'rejected' : 'deferred'
}
