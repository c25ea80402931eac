import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { PUBLIC, serverResponses } from '../openapi.js'
import { HealthSchema } from '../schemas.js'

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  summary: 'Liveness probe',
  security: PUBLIC,
  responses: {
    ...serverResponses,
    200: { description: 'The process is alive.', content: { 'application/json': { schema: HealthSchema } } },
  },
})

/** Registers `GET /healthz` → `200 {"status":"ok"}`. */
export function registerHealth(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
}
