import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.js'
import { problem, problemResponse, type Problem } from './problem.js'

/**
 * An HTTPException as a problem. mailbridge's own handlers and middleware
 * answer their problems themselves (the send routes read and validate their
 * JSON in `readJsonBody`; 401 and 413 come from `auth.ts` and
 * `body-limit.ts`); this maps what a Hono helper may still throw: 400 for a
 * body that is not JSON, 415 for a content type it refuses.
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
 * `app.onError`: an `HTTPException(400)` (malformed JSON) becomes
 * `400 invalid_json`; other HTTP exceptions keep their status; anything else is a `500 internal_error` that reveals nothing.
 */
export function onError(e: Error, c: Context<AppEnv>): Response {
  if (e instanceof HTTPException) return problemResponse(c, fromHttpException(e))
  const fields = c.get('logFields')
  if (fields) fields.error_name = e.name
  return problemResponse(c, problem('internal_error', 'An unexpected error occurred.'))
}

/**
 * The `app.notFound` handler for an app with `routes`: a path the app serves
 * with other methods is `405 method_not_allowed` with `Allow` listing them
 * (`GET /send` is a mistake about the method, not the path); anything else is
 * `404 not_found`.
 */
export function notFoundFor(routes: () => readonly { method: string; path: string }[]) {
  return function onNotFound(c: Context<AppEnv>): Response {
    const allowed = [...new Set(routes().filter((r) => r.path === c.req.path && r.method !== 'ALL').map((r) => r.method))]
    if (allowed.length > 0) {
      if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD')
      return problemResponse(
        c,
        problem('method_not_allowed', `${c.req.path} takes ${allowed.join(' or ')}, not ${c.req.method}.`),
        { Allow: allowed.join(', ') },
      )
    }
    return problemResponse(c, problem('not_found', `No route for ${c.req.method} ${c.req.path}.`))
  }
}
