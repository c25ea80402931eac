import type { Context, MiddlewareHandler } from 'hono'
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
  // Not async: a request that passes is handed on without a promise of its own.
  return function requireJson(c, next) {
    const type = c.req.header('content-type')
    if (isJsonContentType(type)) return next()
    return refuse(c, type)
  }
}

/** The `415 unsupported_media_type` answer. */
async function refuse(c: Context<AppEnv>, type: string | undefined): Promise<Response> {
  const detail = type === undefined ? 'Content-Type: application/json is required.' : `Content-Type ${type.split(';', 1)[0]} is not supported; send application/json.`
  return problemResponse(c, problem('unsupported_media_type', detail))
}
