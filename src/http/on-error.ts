import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.js'
import { problem, problemResponse, type Problem } from './problem.js'

/**
 * The HTTPExceptions the app meets: the JSON validator's 400 for a body that
 * does not parse, and `@hono/zod-openapi`'s 415 for a content type our
 * `requireJson` lets through but its media-type gate refuses
 * (`application/json; charset`). 401 and 413 are answered by our own
 * middleware (`auth.ts`, `body-limit.ts`) and never thrown.
 */
function fromHttpException(e: HTTPException): Problem {
  switch (e.status) {
    case 400:
      return problem('invalid_json', 'The request body is not valid JSON.')
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
