import type { MiddlewareHandler } from 'hono'
import { bearerToken, toHex } from '../../store/keys.js'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'

export interface BearerAuthOptions {
  /** Accepted tokens. Empty strings are ignored and never match. */
  keys: string[]
  /** Realm named in `WWW-Authenticate`. Default `mailbridge`. */
  realm?: string
}

const encoder = new TextEncoder()

const sha256 = async (s: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)))

/** Compares two equal-length digests without an early exit. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0)
  return diff === 0
}

/**
 * `Authorization: Bearer <key>` against a list of keys. Both sides are hashed
 * with SHA-256 and the digests compared in constant time against every key,
 * so neither the key's length nor which key matched leaks through timing.
 * Failures answer `401 unauthorized` with `WWW-Authenticate: Bearer`.
 *
 * @example
 * ```ts
 * app.use('/send', bearerAuth({ keys: ['s3cret'] }))
 * ```
 */
export function bearerAuth({ keys, realm = 'mailbridge' }: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  let digests: Promise<Uint8Array[]> | undefined
  const keyDigests = () => (digests ??= Promise.all(keys.filter((k) => k.length > 0).map(sha256)))

  return async function bearerAuth(c, next) {
    const token = bearerToken(c.req.header('authorization'))
    if (token !== undefined) {
      const given = await sha256(token)
      let match = false
      for (const d of await keyDigests()) match = digestsEqual(given, d) || match
      if (match) {
        // The same digest names the caller for rate limits and idempotency (apiKeyIdentity).
        c.set('apiKeyId', Promise.resolve(`key:${toHex(given)}`))
        return next()
      }
    }
    const challenge =
      token === undefined ? `Bearer realm="${realm}"` : `Bearer realm="${realm}", error="invalid_token"`
    return problemResponse(
      c,
      problem('unauthorized', token === undefined ? 'An Authorization: Bearer <key> header is required.' : 'The API key is not valid.'),
      { 'WWW-Authenticate': challenge },
    )
  }
}
