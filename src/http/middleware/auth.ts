import type { MiddlewareHandler } from 'hono'
import type { ApiKeyConfig } from '../../config/frontends.js'
import { bearerToken, toHex } from '../../store/keys.js'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'

export interface BearerAuthOptions {
  /**
   * Accepted tokens (`API_KEYS`) and the configuration file's named keys,
   * whose secret may be given as its SHA-256. Empty strings are ignored and never match.
   */
  keys: ReadonlyArray<string | ApiKeyConfig>
  /** Realm named in `WWW-Authenticate`. Default `mailbridge`. */
  realm?: string
}

const encoder = new TextEncoder()

const sha256 = async (s: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)))

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16))

/** The SHA-256 a key is checked against. */
const digestOf = (key: string | ApiKeyConfig): Promise<Uint8Array> =>
  typeof key === 'string' ? sha256(key) : 'value' in key.secret ? sha256(key.secret.value) : Promise.resolve(fromHex(key.secret.sha256))

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
 * A named key (from the configuration file) is put on the context as
 * `apiKey`, its name in the request log, and its name (not its secret's
 * digest) names the caller for rate limits and idempotency, so its scope
 * survives a change of secret.
 *
 * @example
 * ```ts
 * app.use('/send', bearerAuth({ keys: ['s3cret'] }))
 * ```
 */
export function bearerAuth({ keys, realm = 'mailbridge' }: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const usable = keys.filter((k) => typeof k !== 'string' || k.length > 0)
  let digests: Promise<Uint8Array[]> | undefined
  const keyDigests = () => (digests ??= Promise.all(usable.map(digestOf)))

  return async function bearerAuth(c, next) {
    const token = bearerToken(c.req.header('authorization'))
    if (token !== undefined) {
      const given = await sha256(token)
      let match = -1
      const all = await keyDigests()
      for (let i = 0; i < all.length; i++) match = digestsEqual(given, all[i]!) ? i : match
      const key = usable[match]
      if (typeof key === 'object') {
        c.set('apiKey', key)
        c.set('apiKeyId', Promise.resolve(`name:${key.name}`))
        const fields = c.get('logFields')
        if (fields) fields.key = key.name
        return next()
      }
      if (key !== undefined) {
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
