import type { MiddlewareHandler } from 'hono'
import type { AppEnv, LogFields } from '../env.js'
import type { RequestLogEntry } from '../log.js'

/**
 * Emits one `RequestLogEntry` per request after the response is ready. Only
 * the fields listed there are logged: never headers, keys or message content.
 * Mount after `requestId()`.
 */
export function requestLogger(log: (entry: RequestLogEntry) => void): MiddlewareHandler<AppEnv> {
  return async function requestLogger(c, next) {
    const started = performance.now()
    const time = new Date().toISOString()
    const fields: LogFields = {}
    c.set('logFields', fields)
    try {
      await next()
    } finally {
      const entry: RequestLogEntry = {
        time,
        request_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
        ...fields,
      }
      try {
        log(entry)
      } catch {
        // a failing logger must not turn a response into an error
      }
    }
  }
}
