import type { ApiKeyConfig } from '../config/frontends.js'
import { validationFailure, type FieldError, type ProblemOutcome } from './problem.js'
import type { SendResponse } from './response-schemas.js'
import type { SendBody, SendRequest } from './schemas.js'

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

/** Who is sending, as the routes know it. */
export interface SendCaller {
  /** The configuration file's API key the request used; undefined for an `API_KEYS` key, a form or a hook. */
  key?: ApiKeyConfig | undefined
  /**
   * The time every template render of this request shares, as a
   * `performance.now()` deadline: a batch of templated items cannot render
   * for longer than one request may. Unset: each call gets the default.
   */
  renderDeadline?: number | undefined
}

/**
 * What the send routes call for one schema-valid body: the template rendered,
 * the caller's key applied (recipients, senders, test mode), then a
 * {@link SendHandler}. Never throws. The core's `createBodyHandler` is the
 * real one; {@link withoutTemplates} serves apps without a configuration file.
 */
export type BodyHandler = ((body: SendBody, caller?: SendCaller) => Promise<SendOutcome>) & { readonly fromRequired?: boolean }

/** A body as a request to compose: undefined when it names a template (or, which the schema prevents, has no subject). */
export function composable(body: SendBody): SendRequest | undefined {
  if (body.template !== undefined || body.subject === undefined) return undefined
  // Without `template` and `data` the body is the request itself: no copy (the schema's output holds no other keys).
  if (body.data === undefined) return body as SendRequest
  const { template: _template, data: _data, subject, ...rest } = body
  return { ...rest, subject }
}

/** The body handler of an app without templates: a body naming one is a `422` at `template`. */
export function withoutTemplates(send: SendHandler): BodyHandler {
  // Not an async function: one returning the pipeline's promise would wait two more turns for it.
  const handle = (body: SendBody): Promise<SendOutcome> => {
    const req = composable(body)
    return req ? send(req) : Promise.resolve(validationFailure([{ path: 'template', message: `There is no template "${body.template}": MAILBRIDGE_CONFIG configures none` }]))
  }
  return Object.assign(handle, { fromRequired: send.fromRequired })
}

/** How long all the template renders of one request may take together, in milliseconds. */
export const RENDER_BUDGET_MS = 1_000

/** The problem of a request without `from` when no `DEFAULT_FROM` is configured. */
export const FROM_REQUIRED: FieldError = { path: 'from', message: 'from is required (no DEFAULT_FROM is configured)' }
