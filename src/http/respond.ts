import type { Context } from 'hono'
import type { AppEnv } from './env.js'
import { problemResponse, type ProblemOutcome } from './problem.js'
import type { SendResponse } from './response-schemas.js'

/** Records a successful send's message id and queue id for the request log; returns the body. */
export function recordSent(c: Context<AppEnv>, body: SendResponse): SendResponse {
  const fields = c.get('logFields')
  if (fields) {
    fields.message_id = body.message_id
    fields.queue_id = body.queue_id
  }
  return body
}

/**
 * Renders a failed outcome as its problem response with its headers
 * (e.g. `Retry-After`); notes the class of an unexpected error for the log.
 */
export function failureResponse(c: Context<AppEnv>, outcome: ProblemOutcome & { cause?: unknown }): Response {
  const fields = c.get('logFields')
  if (fields && outcome.cause instanceof Error && outcome.problem.code === 'internal_error') {
    fields.error_name = outcome.cause.name
  }
  return problemResponse(c, outcome.problem, outcome.headers)
}
