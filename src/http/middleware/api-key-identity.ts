import type { Context } from 'hono'
import { bearerToken, sha256Hex } from '../../store/keys.js'
import type { AppEnv } from '../env.js'

/**
 * The caller's API-key identity for store keys: `key:<SHA-256 hex of the
 * bearer token>` (the key itself never reaches a store), or `anonymous`
 * without one. Worked out once per request and kept on the context, so
 * `bearerAuth`, the rate limiter and the idempotency scope share one hash.
 * Mount after authentication, so the token is a valid API key.
 */
export function apiKeyIdentity(c: Context<AppEnv>): Promise<string> {
  let id = c.get('apiKeyId')
  if (id === undefined) {
    const token = bearerToken(c.req.header('authorization'))
    id = token === undefined ? Promise.resolve('anonymous') : sha256Hex(token).then((hex) => `key:${hex}`)
    c.set('apiKeyId', id)
  }
  return id
}
