import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'

/** True for `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false
  const essence = value.split(';', 1)[0]!.trim().toLowerCase()
  return essence === 'application/json'
}

/**
 * Answers `415 unsupported_media_type` unless the request says
 * `Content-Type: application/json`. Mount before the JSON validator, which
 * would otherwise silently see `{}`.
 */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async function requireJson(c, next) {
    const type = c.req.header('content-type')
    if (isJsonContentType(type)) return next()
    return problemResponse(
      c,
      problem(
        'unsupported_media_type',
        type === undefined ? 'Content-Type: application/json is required.' : `Content-Type ${type.split(';', 1)[0]} is not supported; send application/json.`,
      ),
    )
  }
}
