import type { Context } from 'hono'
import type { ZodType } from 'zod'
import type { AppEnv } from './env.js'
import { parseWithBlobs } from './json-blobs.js'
import { problem, problemResponse, validationFailure } from './problem.js'
import { sendRequestFieldErrors, type SendValidationOptions } from './validation.js'

/**
 * The `Content-Type` values a JSON body is read for: `application/json` or a
 * `+json` type, with well-formed `name=value` parameters only (the check
 * `@hono/zod-openapi` makes before its validator; `requireJson` has already
 * refused every other type).
 */
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i

/**
 * A request body read, parsed and checked against its schema, or the response
 * refusing it. In a large body, long attachment contents are placeholders in
 * `value` until `restore` puts them back (see `parseWithBlobs`).
 */
export type JsonBodyResult<T> = { ok: true; value: T; restore: <V>(value: V) => V } | { ok: false; response: Response }

const unchanged = <V>(value: V): V => value

/**
 * Reads the JSON body of a send route and checks it against `schema` in one
 * synchronous pass, answering as the routes always have: `415` for a
 * malformed JSON content type, `400 invalid_json` for a body that does not
 * parse, `422 validation_error` listing every problem (schema and content
 * checks) for one that fails the schema.
 *
 * Used instead of `@hono/zod-openapi`'s validators, which on every request
 * also copied all request headers into an object to validate
 * `Idempotency-Key` (already checked by the idempotency guard), and ran the
 * schema asynchronously.
 */
export async function readJsonBody<T>(c: Context<AppEnv>, schema: ZodType<T>, options: SendValidationOptions): Promise<JsonBodyResult<T>> {
  const type = c.req.header('content-type')
  if (type === undefined || !JSON_REQUEST.test(type)) {
    return { ok: false, response: problemResponse(c, problem('unsupported_media_type', 'Content-Type: application/json is required.')) }
  }
  let body: unknown
  let restore = unchanged
  try {
    const large = c.get('largeBody')
    if (large !== undefined) ({ value: body, restore } = parseWithBlobs(large))
    else body = JSON.parse(await c.req.text())
  } catch {
    return { ok: false, response: problemResponse(c, problem('invalid_json', 'The request body is not valid JSON.')) }
  }
  // Nothing reads the body after this: its text and bytes (cached by requireUtf8
  // and the idempotency fingerprint) need not stay alive while the send waits
  // for a relay connection.
  c.req.bodyCache = {}
  const parsed = schema.safeParse(body)
  if (parsed.success) return { ok: true, value: parsed.data, restore }
  return { ok: false, response: problemResponse(c, validationFailure(sendRequestFieldErrors(parsed.error, restore(body), options)).problem) }
}
