import type { FieldError, ProblemOutcome } from './problem.js'
import type { SendRequest, SendResponse } from './schemas.js'

/** A send that went through: the `200` body. */
export interface SendSuccess {
  ok: true
  body: SendResponse
}

/** A send's result: the `200` body, or a problem (with headers such as `Retry-After`, and the error behind it). */
export type SendOutcome = SendSuccess | (ProblemOutcome & { cause?: unknown })

/**
 * What the send routes call for one schema-valid request. It never throws:
 * every failure is a problem outcome, so `/send/batch` can run it per item.
 * The core's send pipeline implements it. `fromRequired` says a request
 * without `from` will be refused (no `DEFAULT_FROM`), so a request that also
 * fails the schema hears about `from` in the same answer.
 */
export type SendHandler = ((req: SendRequest) => Promise<SendOutcome>) & { readonly fromRequired?: boolean }

/** The problem of a request without `from` when no `DEFAULT_FROM` is configured. */
export const FROM_REQUIRED: FieldError = { path: 'from', message: 'from is required (no DEFAULT_FROM is configured)' }
