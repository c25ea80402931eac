import type { Context } from 'hono'
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

/**
 * Puts `X-Request-Id` on the finished response, unless {@link jsonResponse}
 * built it in. hono's own `requestId` middleware sets the header before the
 * handler runs, which makes every response carry a `Headers` object (slow to
 * build and to write on Node); here only responses not built by
 * {@link jsonResponse} get it, once they are ready.
 */
export function sendRequestId(c: Context<AppEnv>, id: string): void {
  if (hasRequestId(c.res)) return
  try {
    c.res.headers.set('X-Request-Id', id)
  } catch {
    c.header('X-Request-Id', id) // immutable headers: hono rebuilds the response
  }
}
