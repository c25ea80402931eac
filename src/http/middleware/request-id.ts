import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { hasRequestId, type jsonResponse } from '../json-response.js'

/** Longest caller-supplied id echoed back. */
const MAX_LENGTH = 255
/** Characters a caller-supplied id may hold; anything else gets a generated id. */
const NOT_ID = /[^\w\-=]/

/** The request's id: the caller's `X-Request-Id` when well-formed, else a random UUID; kept as `requestId`. */
export function assignRequestId(c: Context<AppEnv>): string {
  let id = c.req.header('x-request-id')
  if (!id || id.length > MAX_LENGTH || NOT_ID.test(id)) id = crypto.randomUUID()
  c.set('requestId', id)
  return id
}

/** Puts `X-Request-Id` on the finished response, unless {@link jsonResponse} built it in. */
export function sendRequestId(c: Context<AppEnv>, id: string): void {
  if (hasRequestId(c.res)) return
  try {
    c.res.headers.set('X-Request-Id', id)
  } catch {
    c.header('X-Request-Id', id) // immutable headers: hono rebuilds the response
  }
}

/**
 * `X-Request-Id`, as `hono/request-id` does it: the caller's id when it is
 * 1–255 characters of `[A-Za-z0-9_=-]`, else a random UUID; kept as the
 * `requestId` context variable and sent back on every response.
 *
 * hono's middleware sets the header before the handler runs, which makes every
 * response carry a `Headers` object (slow to build and to write on Node).
 * Here responses built by {@link jsonResponse} carry it in their plain header
 * object; any other response gets it added once it is ready.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    const id = assignRequestId(c)
    await next()
    sendRequestId(c, id)
  }
}
