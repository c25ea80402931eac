import type { Context } from 'hono'
import type { Metrics } from '../../metrics/mailbridge.js'
import type { AppEnv } from '../env.js'

/** Routes reported by name; anything else is `other`, so scanners cannot blow up the label set. */
export const METRIC_ROUTES: readonly string[] = ['/send', '/send/batch', '/healthz', '/readyz', '/metrics', '/openapi.json']

/**
 * A function counting a finished response in
 * `mailbridge_http_requests_total{route,method,status}` (paths outside
 * `routes` count as `other`) and replays (`Idempotent-Replayed: true`) in
 * `mailbridge_idempotent_replays_total`.
 */
export function responseCounter(metrics: Metrics, routes: readonly string[] = METRIC_ROUTES): (c: Context<AppEnv>) => void {
  const known = new Set(routes)
  return (c) => {
    const path = c.req.path
    metrics.requests.inc({ route: known.has(path) ? path : 'other', method: c.req.method, status: String(c.res.status) })
    if (c.get('idempotentReplay') === true) metrics.replays.inc()
  }
}
