import type { Context, MiddlewareHandler, Next } from 'hono'
import { sha256Hex } from '../../store/keys.js'
import { apiKeyIdentity } from './api-key-identity.js'
import type { ClaimResult, IdempotencyStore, StoredResponse } from '../../store/types.js'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'
import { errorMessage, logJsonLine, serviceEvent } from '../log.js'

/** Names the caller a key belongs to; the result goes into store keys, so never return a secret. */
export type ScopeFunction = (c: Context<AppEnv>) => string | Promise<string>

/** Options for {@link idempotency}. */
export interface IdempotencyOptions {
  /** Where claims and responses are kept (memory or Redis). */
  store: IdempotencyStore
  /** How long a successful response is replayed. Default 86 400 (24 hours). */
  ttlSeconds?: number
  /**
   * How long an in-progress marker lives if its request never finishes (the
   * instance died). Keep it above the longest a send can take. Default 600.
   */
  inProgressTtlSeconds?: number
  /** Whose key space a request uses. Default {@link apiKeyScope}. */
  scope?: ScopeFunction
  /** Response headers saved and replayed besides the body. */
  replayHeaders?: readonly string[]
  /**
   * Problem `code`s whose response is stored and replayed like a success
   * instead of releasing the key, e.g. `['delivery_unknown']` to never send
   * again a message that may have been delivered. Default none: every failure
   * releases the key so a retry runs.
   */
  storeProblemCodes?: readonly string[]
  /** Told about store failures while saving or releasing (the response still goes out). */
  onStoreError?: (err: unknown) => void
}

/** Longest accepted `Idempotency-Key`. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256

/** What an `Idempotency-Key` may hold: printable ASCII, at least one character. */
export const IDEMPOTENCY_KEY_CHARS = /^[\x20-\x7e]+$/

/**
 * Scope by the bearer token's SHA-256 (the key itself never reaches the
 * store), or one shared scope when there is none: {@link apiKeyIdentity}.
 * Mount after authentication, so the token is a valid API key.
 */
export const apiKeyScope: ScopeFunction = apiKeyIdentity

/**
 * `Idempotency-Key` support for POST routes. A request without the
 * header passes straight through. With it:
 *
 * - the key must be 1–256 printable ASCII characters, else `422 validation_error`;
 * - the first request claims the key in its caller's scope and runs; a 2xx
 *   response is stored for `ttlSeconds` and a repeat with the same method,
 *   path and body gets it back with `Idempotent-Replayed: true`;
 * - the same key with a different request is `409 idempotency_key_reused`;
 * - a repeat while the first still runs is `409 idempotency_in_progress`;
 * - any other response (a problem) releases the key, so a retry runs again;
 * - a success that cannot be saved keeps its marker until `inProgressTtlSeconds`
 *   (retries see 409 in progress rather than sending twice);
 * - if the store cannot be reached the request is not run: `503 idempotency_unavailable`.
 *
 * Mount after authentication and the body limit: it reads the whole body to
 * fingerprint it (SHA-256 via WebCrypto), which later readers still see.
 *
 * @example
 * ```ts
 * app.use('/send', bearerAuth({ keys }), limitBody(max), idempotency({ store: createMemoryIdempotencyStore() }))
 * ```
 */
export function idempotency({
  store,
  ttlSeconds = 86_400,
  inProgressTtlSeconds = 600,
  scope = apiKeyScope,
  replayHeaders = ['content-type', 'content-language', 'location'],
  storeProblemCodes = [],
  onStoreError = (err) => logJsonLine(serviceEvent('warn', `idempotency store failed: ${errorMessage(err)}`)),
}: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  // Not async: a request without a key is handed on without a promise of its own.
  return function idempotency(c, next) {
    const key = c.req.header('idempotency-key')
    return key === undefined ? next() : withKey(c, next, key)
  }

  async function withKey(c: Context<AppEnv>, next: Next, key: string): Promise<Response | void> {
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !IDEMPOTENCY_KEY_CHARS.test(key)) {
      const message = `Must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters.`
      return problemResponse(
        c,
        problem('validation_error', 'The Idempotency-Key header is invalid.', {
          errors: [{ path: 'headers.idempotency-key', message }],
        }),
      )
    }

    const [scopeName, keyHash, fingerprint] = await Promise.all([
      scope(c),
      sha256Hex(key),
      fingerprintRequest(c),
    ])
    const storeKey = `${scopeName}:${keyHash}`
    const token = crypto.randomUUID()

    let claim: ClaimResult
    try {
      claim = await store.claim(storeKey, { fingerprint, token }, inProgressTtlSeconds * 1000)
    } catch (err) {
      onStoreError(err)
      const detail = 'The idempotency store cannot be reached; the request was not run. Retry with the same key.'
      return problemResponse(c, problem('idempotency_unavailable', detail), { 'Retry-After': '1' })
    }

    if (!claim.claimed) {
      const { record } = claim
      if (record.fingerprint !== fingerprint) {
        const detail = 'This Idempotency-Key was used with a different request; use a new key for a new request.'
        return problemResponse(c, problem('idempotency_key_reused', detail))
      }
      if (record.state === 'in_progress') {
        const detail = 'A request with this Idempotency-Key is still being processed; retry after it finishes.'
        return problemResponse(c, problem('idempotency_in_progress', detail), { 'Retry-After': '1' })
      }
      c.set('idempotentReplay', true)
      return replay(record.response)
    }

    let keep = false
    try {
      await next()
      keep = await shouldStore(c.res, storeProblemCodes)
      if (keep) {
        const response = await saveable(c.res, replayHeaders)
        // A false result means the marker expired and someone else holds the key now.
        await store.complete(storeKey, token, { fingerprint, response }, ttlSeconds * 1000).catch(onStoreError)
      }
    } finally {
      // Even when saving failed, a success keeps its marker (until it expires) rather
      // than freeing the key: better a 409 for a while than a second send.
      if (!keep) await store.release(storeKey, token).catch(onStoreError)
    }
  }
}

/**
 * SHA-256 over method, path and the SHA-256 of the raw body bytes. The body is
 * hashed where it lies rather than copied behind the method and path: a
 * 10 MB body would otherwise cost another 10 MB per request.
 */
async function fingerprintRequest(c: Context): Promise<string> {
  const bodyHash = await sha256Hex(await c.req.arrayBuffer())
  return sha256Hex(`${c.req.method} ${c.req.path}\n${bodyHash}`)
}

async function shouldStore(res: Response, problemCodes: readonly string[]): Promise<boolean> {
  if (res.status >= 200 && res.status < 300) return true
  if (problemCodes.length === 0) return false
  try {
    const body: unknown = await res.clone().json()
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined
    return typeof code === 'string' && problemCodes.includes(code)
  } catch {
    return false
  }
}

async function saveable(res: Response, headerNames: readonly string[]): Promise<StoredResponse> {
  const headers: Record<string, string> = {}
  for (const name of headerNames) {
    const value = res.headers.get(name)
    if (value !== null) headers[name.toLowerCase()] = value
  }
  return { status: res.status, headers, body: await res.clone().text() }
}

function replay({ status, headers, body }: StoredResponse): Response {
  return new Response(body, { status, headers: { ...headers, 'Idempotent-Replayed': 'true' } })
}
