import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Metrics } from '../../metrics/mailbridge.js'
import { PROMETHEUS_CONTENT_TYPE } from '../../metrics/registry.js'
import type { AppEnv } from '../env.js'
import { PUBLIC, serverResponses } from '../openapi.js'

export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'metrics',
  summary: 'Prometheus metrics',
  description:
    'Prometheus text format 0.0.4: requests by route and status, sends by outcome, SMTP transaction latency, pool connections in use and idle, queue length, retries, failovers and idempotent replays. Unauthenticated, like /healthz: expose it only to your scraper.',
  security: PUBLIC,
  responses: {
    ...serverResponses,
    200: {
      description: 'The current metrics.',
      content: { 'text/plain': { schema: z.string().openapi({ example: 'mailbridge_sends_total{outcome="sent"} 42\n' }) } },
    },
  },
})

/** Registers `GET /metrics` with the registry's exposition text. */
export function registerMetrics(app: OpenAPIHono<AppEnv>, metrics: Metrics): void {
  app.openapi(metricsRoute, (c) => c.body(metrics.render(), 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' }) as never)
}
