import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './env.js'

/** The top of the OpenAPI document; paths and schemas come from the routes. */
export const openApiObjectConfig = {
  openapi: '3.1.0',
  info: {
    title: 'mailbridge',
    version: '0.1.0',
    description:
      'HTTP-to-SMTP email API: POST JSON, get a standards-correct MIME message delivered to your relay. Errors are RFC 9457 `application/problem+json`.',
    license: { name: 'MIT' },
  },
}

/** Path of the served document. */
export const OPENAPI_PATH = '/openapi.json'

/**
 * Registers the bearer security scheme and `GET /openapi.json` (OpenAPI 3.1),
 * generated on first request, so register it after every route.
 */
export function registerOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of `API_KEYS`; required only when `API_KEYS` is set.',
  })
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined
  app.get(OPENAPI_PATH, (c) => c.json((document ??= app.getOpenAPI31Document(openApiObjectConfig))))
}
