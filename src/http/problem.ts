import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { DeliveryBody } from './deliveries.js'
import type { AppEnv } from './env.js'

/** Stable machine-readable `code` of every problem response (listed in `docs/api.md`). */
export type ProblemCode =
  | 'invalid_json'
  | 'unauthorized'
  | 'sender_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_error'
  | 'smtp_rejected'
  | 'internal_error'
  | 'relay_unavailable'
  | 'relay_busy'
  | 'relay_timeout'
  | 'delivery_unknown'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'idempotency_unavailable'
  | 'rate_limited'
  | 'origin_not_allowed'
  | 'recipient_not_allowed'
  | 'invalid_signature'

/** One field-level problem; `path` is the JSON path joined by dots (`to.1.email`). */
export interface FieldError {
  path: string
  message: string
}

/** What the relay said, attached to SMTP failures. */
export interface SmtpDetails {
  code: number | null
  enhanced_code: string | null
  command: string | null
  response: string | null
}

/** An RFC 9457 problem details object as mailbridge sends it. */
export interface Problem {
  type: string
  title: string
  status: number
  code: ProblemCode
  detail: string
  /** At most {@link MAX_FIELD_ERRORS} entries. */
  errors?: FieldError[]
  /** How many field problems were found beyond the `errors` listed; present only when some were left out. */
  errors_omitted?: number
  smtp?: SmtpDetails
  /** With `DELIVERY_MODE=mx`: what each recipient domain did with the message. */
  deliveries?: DeliveryBody[]
}

/** A problem plus the response headers it needs (e.g. `Retry-After`). */
export interface ProblemOutcome {
  ok: false
  problem: Problem
  headers?: Record<string, string>
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

const TITLES: Record<ProblemCode, string> = {
  invalid_json: 'Invalid JSON',
  unauthorized: 'Unauthorized',
  sender_not_allowed: 'Sender not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  validation_error: 'Validation failed',
  smtp_rejected: 'Rejected by the relay',
  internal_error: 'Internal server error',
  relay_unavailable: 'Relay unavailable',
  relay_busy: 'Relay busy',
  relay_timeout: 'Relay timeout',
  delivery_unknown: 'Delivery unknown',
  idempotency_key_reused: 'Idempotency key reused',
  idempotency_in_progress: 'Request in progress',
  idempotency_unavailable: 'Idempotency store unavailable',
  rate_limited: 'Too many requests',
  origin_not_allowed: 'Origin not allowed',
  recipient_not_allowed: 'Recipient not allowed',
  invalid_signature: 'Invalid signature',
}

const STATUSES: Record<ProblemCode, number> = {
  invalid_json: 400,
  unauthorized: 401,
  sender_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  smtp_rejected: 422,
  internal_error: 500,
  relay_unavailable: 502,
  relay_busy: 503,
  relay_timeout: 504,
  delivery_unknown: 504,
  idempotency_key_reused: 409,
  idempotency_in_progress: 409,
  idempotency_unavailable: 503,
  rate_limited: 429,
  origin_not_allowed: 403,
  recipient_not_allowed: 403,
  invalid_signature: 401,
}

/** Every problem code, for the OpenAPI enum (kept in step with `ProblemCode` by `STATUSES`). */
export const PROBLEM_CODES = Object.keys(STATUSES) as [ProblemCode, ...ProblemCode[]]

/**
 * Builds a problem object with the standard title and status for `code`.
 *
 * @example
 * ```ts
 * problem('sender_not_allowed', 'from is not in ALLOWED_SENDERS')
 * ```
 */
export function problem(
  code: ProblemCode,
  detail: string,
  extra: { errors?: FieldError[]; smtp?: SmtpDetails } = {},
): Problem {
  return { type: 'about:blank', title: TITLES[code], status: STATUSES[code], code, detail, ...extra }
}

/** Wraps a problem as a failed outcome, optionally with response headers. */
export const failure = (p: Problem, headers?: Record<string, string>): ProblemOutcome =>
  headers ? { ok: false, problem: p, headers } : { ok: false, problem: p }

/**
 * Most `errors` entries in one problem: a hostile body can hold 100,000
 * invalid fields, and listing them all made a 2 MB request a 13 MB answer.
 */
export const MAX_FIELD_ERRORS = 100

/**
 * A 422 `validation_error` outcome listing the field problems: the first
 * {@link MAX_FIELD_ERRORS}, and how many more in `errors_omitted`. The detail
 * counts them all.
 */
export function validationFailure(errors: FieldError[]): ProblemOutcome {
  const detail = errors.length === 1 ? 'The request has 1 invalid field.' : `The request has ${errors.length} invalid fields.`
  const asSentences = (list: FieldError[]) => list.map((e) => ({ path: e.path, message: sentence(e.message) }))
  if (errors.length <= MAX_FIELD_ERRORS) return failure(problem('validation_error', detail, { errors: asSentences(errors) }))
  const listed = asSentences(errors.slice(0, MAX_FIELD_ERRORS))
  return failure({ ...problem('validation_error', detail, { errors: listed }), errors_omitted: errors.length - MAX_FIELD_ERRORS })
}

/**
 * A field problem's message as a sentence: a capital first letter and a full
 * stop, so every `errors` entry reads alike whichever check wrote it.
 */
export function sentence(message: string): string {
  const m = message.trim()
  const capital = m.charAt(0).toUpperCase() + m.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/** Joins a JSON path (`['to', 1, 'email']`) with dots (`to.1.email`); the root is `""`. */
export const joinPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.')

/**
 * Renders a problem as an `application/problem+json` response and records its
 * code for the request log.
 */
export function problemResponse(c: Context<AppEnv>, p: Problem, headers: Record<string, string> = {}): Response {
  const fields = c.get('logFields')
  if (fields) {
    fields.error_code = p.code
    // A server-side failure's detail names its cause for the operator (never a secret).
    if (p.status >= 500) fields.error_detail = p.detail
  }
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE })
}
