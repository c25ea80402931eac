import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './env.js'
import { problem, problemResponse } from './problem.js'

/**
 * `hono/body-limit` with a `413 payload_too_large` problem body. Trusts
 * `Content-Length` (answering without reading the body) and counts the stream
 * otherwise. Mount before validation.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(c, problem('payload_too_large', `The request body is larger than ${maxBytes} bytes.`)),
  })
}
