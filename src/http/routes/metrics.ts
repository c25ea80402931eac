import type { Hono } from 'hono'
import type { Metrics } from '../../metrics/mailbridge.js'
import { PROMETHEUS_CONTENT_TYPE } from '../../metrics/registry.js'
import type { AppEnv } from '../env.js'

/** Registers `GET /metrics` with the registry's exposition text. */
export function registerMetrics(app: Hono<AppEnv>, metrics: Metrics): void {
  app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' }))
}
