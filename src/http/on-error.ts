import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.js'
import { problem, problemResponse, type Problem } from './problem.js'

function fromHttpException(e: HTTPException): Problem {
  switch (e.status) {
    case 400:
      return problem('invalid_json', 'The request body is not valid JSON.')
    case 401:
      return problem('unauthorized', 'Authentication is required.')
    case 413:
      return problem('payload_too_large', 'The request body is too large.')
    case 415:
      return problem('unsupported_media_type', 'Content-Type: application/json is required.')
    default:
      return { ...problem('internal_error', 'The request could not be processed.'), status: e.status, title: 'Error' }
  }
}

/**
 * `app.onError`: malformed JSON (thrown by the validator as
 * `HTTPException(400)`) becomes `400 invalid_json`; other HTTP exceptions keep
 * their status; anything else is a `500 internal_error` that reveals nothing.
 */
export function onError(e: Error, c: Context<AppEnv>): Response {
  if (e instanceof HTTPException) return problemResponse(c, fromHttpException(e))
  const fields = c.get('logFields')
  if (fields) fields.error_name = e.name
  return problemResponse(c, problem('internal_error', 'An unexpected error occurred.'))
}

/** `app.notFound`: a `404 not_found` problem. */
export function onNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, problem('not_found', `No route for ${c.req.method} ${c.req.path}.`))
}
