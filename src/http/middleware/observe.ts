import type { MiddlewareHandler } from 'hono'
import type { Metrics } from '../../metrics/mailbridge.js'
import type { AppEnv } from '../env.js'
import type { RequestLogEntry } from '../log.js'
import { responseCounter } from './count-requests.js'
import { assignRequestId, sendRequestId } from './request-id.js'
import { startLogEntry } from './request-log.js'

/**
 * What every request gets, in one middleware rather than three: its
 * `X-Request-Id` (the caller's when it is 1–255 characters of
 * `[A-Za-z0-9_=-]`, else a random UUID), its request log entry, and its
 * count in the request metrics. Each middleware is one more suspended frame
 * and promise per request while it waits for the relay (with 64 requests in
 * flight and 5 relay connections, most wait), which the collector then
 * copies. Mount first, so responses from guards and error handlers count too.
 */
export function observeRequests(metrics: Metrics, log: (entry: RequestLogEntry) => void, routes?: readonly string[]): MiddlewareHandler<AppEnv> {
  const count = responseCounter(metrics, routes)
  return async function observeRequests(c, next) {
    const id = assignRequestId(c)
    const finishLog = startLogEntry(c, log)
    try {
      await next()
      sendRequestId(c, id)
    } finally {
      finishLog()
      count(c)
    }
  }
}
