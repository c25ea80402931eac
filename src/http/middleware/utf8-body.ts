import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import type { AppOptions } from '../options.js'
import { LARGE_BODY_BYTES, readLargeBody } from '../large-body.js'
import { problem, problemResponse } from '../problem.js'

/** Refuses what the lenient decoders turn into U+FFFD: stray bytes, overlong forms, encoded surrogates, cut sequences. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const DIGITS = /^\d+$/

/**
 * Answers `400 invalid_json` unless the request body is valid UTF-8, whatever
 * charset its Content-Type names (RFC 8259 8.1: JSON between systems is
 * UTF-8). Mount after the body limit and before anything that reads the body.
 *
 * The body is decoded once, here: the text is left in hono's body cache, where
 * the JSON validator's `c.req.json()` finds it, and the bytes stay cached for
 * the idempotency fingerprint. A body of `LARGE_BODY_BYTES` or more is read
 * into one buffer and checked chunk by chunk instead, never decoded whole
 * (`readLargeBody`); the send routes find it as `largeBody`. A body that
 * cannot be read is left to the validator, which answers `invalid_json` as before.
 */
export function requireUtf8({ requestBody }: Pick<AppOptions, 'requestBody'> = {}): MiddlewareHandler<AppEnv> {
  const notUtf8 = problem(
    'invalid_json',
    'The request body is not valid UTF-8; send JSON as UTF-8 (whatever charset the Content-Type names).',
  )
  return async function requireUtf8(c, next) {
    const length = c.req.header('content-length')
    if (length !== undefined && DIGITS.test(length) && Number(length) >= LARGE_BODY_BYTES) {
      const body = await readLargeBody(c, Number(length), requestBody?.(c))
      if (body.ok) c.set('largeBody', body.bytes)
      else if (body.reason === 'not_utf8') return problemResponse(c, notUtf8)
      return next()
    }
    let bytes: ArrayBuffer
    try {
      bytes = await c.req.arrayBuffer()
    } catch {
      return next()
    }
    let text: string
    try {
      text = strictUtf8.decode(bytes)
    } catch {
      return problemResponse(c, notUtf8)
    }
    // hono types the cache by value, but stores (and reads) promises.
    ;(c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text)
    return next()
  }
}
