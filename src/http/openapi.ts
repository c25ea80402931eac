import type { Hono } from 'hono'
import type { AppEnv } from './env.js'
import document from './openapi.json' with { type: 'json' }

/**
 * Registers `GET /openapi.json`: the OpenAPI 3.1 document of the API,
 * `src/http/openapi.json`, which `npm run openapi` generates from the route
 * descriptions and schemas (src/http/api-document/) together with
 * `openapi.yaml`. The app serves the generated file as it is, so neither the
 * generator nor zod's JSON Schema conversion is part of any runtime bundle.
 */
export function registerOpenApi(app: Hono<AppEnv>): void {
  let text: string | undefined
  app.get('/openapi.json', (c) => c.body((text ??= JSON.stringify(document)), 200, { 'Content-Type': 'application/json' }))
}
