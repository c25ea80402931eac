import type { Context } from 'hono'
import type { AppEnv } from './env.js'

/**
 * A response with `body` (JSON text) whose headers are a plain object: the
 * content type, `extra` (names lower-cased) and the request's `X-Request-Id`.
 * On Node, `@hono/node-server` writes such a response without building a
 * `Headers` object; `c.json()` builds one as soon as a middleware has set a
 * header.
 */
export function jsonResponse(
  c: Context<AppEnv>,
  body: string,
  status: number,
  contentType = 'application/json',
  extra?: Record<string, string>,
): Response {
  const headers: Record<string, string> = {}
  if (extra) for (const name in extra) headers[name.toLowerCase()] = extra[name]!
  headers['content-type'] = contentType
  const id = c.get('requestId')
  if (id !== undefined) headers['x-request-id'] = id
  const response = new Response(body, { status, headers })
  if (id !== undefined) withRequestId.add(response)
  return response
}

/** Responses built with their `X-Request-Id` by {@link jsonResponse}. */
const withRequestId = new WeakSet<Response>()

/** Whether `response` was built by {@link jsonResponse} with the request's `X-Request-Id`. */
export const hasRequestId = (response: Response): boolean => withRequestId.has(response)
