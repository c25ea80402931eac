import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'

/** Options for {@link corsForOrigins}. */
export interface CorsOptions {
  /** Origins (`https://app.example.com`) that get CORS headers; compared exactly with the `Origin` header. */
  origins: readonly string[]
  /** Methods a preflight allows. */
  allowMethods?: readonly string[]
  /** Request headers a preflight allows. */
  allowHeaders?: readonly string[]
  /** Response headers a browser may show the caller. */
  exposeHeaders?: readonly string[]
  /** How long a browser may cache a preflight answer, in seconds. */
  maxAgeSeconds?: number
}

/**
 * CORS for a fixed list of origins, and nothing for anyone else: a request
 * whose `Origin` is listed gets `Access-Control-Allow-Origin` and
 * `-Expose-Headers`, and its preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) is answered `204` with the allowed methods,
 * headers and max age. Any other request, foreign preflights included, goes
 * on to the app as if CORS were off and gets no `Access-Control-*` header.
 *
 * Every response carries `Vary: Origin`, since whether it has CORS headers
 * depends on that header: a shared cache must not hand an answer stored for
 * one origin (or for none) to another.
 */
export function corsForOrigins({
  origins,
  allowMethods = ['GET', 'POST', 'OPTIONS'],
  allowHeaders = ['Content-Type', 'Authorization', 'Idempotency-Key'],
  exposeHeaders = ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
  maxAgeSeconds = 600,
}: CorsOptions): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins)
  const methods = allowMethods.join(', ')
  const headers = allowHeaders.join(', ')
  const exposed = exposeHeaders.join(', ')
  return async function cors(c, next) {
    const origin = c.req.header('origin')
    const listed = origin !== undefined && allowed.has(origin)
    if (listed && c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': headers,
        'Access-Control-Max-Age': String(maxAgeSeconds),
        Vary: 'Origin',
      })
    }
    await next()
    c.header('Vary', 'Origin', { append: true })
    if (listed) {
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Expose-Headers', exposed)
    }
  }
}
