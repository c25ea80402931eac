import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'

/**
 * For a browser ("publishable") key, one with `origins`: the request's
 * `Origin` must be one of them, else `403 origin_not_allowed`. A page
 * elsewhere that copied the key is refused by every browser; a key without
 * `origins` is not checked. Mount after `bearerAuth`, which puts the key on
 * the context, and only when some key has `origins`.
 *
 * The check stops other sites' pages, not a script that forges `Origin`:
 * that is why a browser key must also restrict its recipients.
 */
export function keyOrigin(): MiddlewareHandler<AppEnv> {
  // Not async: a request with an allowed origin is handed on without a promise of its own.
  return function keyOrigin(c, next) {
    const origins = c.get('apiKey')?.origins
    if (origins === undefined) return next()
    const origin = c.req.header('origin')
    if (origin !== undefined && origins.includes(origin)) return next()
    const detail = origin === undefined ? 'This is a browser key: the request needs an Origin header.' : `This key may not be used from ${origin}.`
    return Promise.resolve(problemResponse(c, problem('origin_not_allowed', detail)))
  }
}
