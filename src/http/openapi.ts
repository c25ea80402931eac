import { z, type OpenAPIHono } from '@hono/zod-openapi'
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

/** The served document's shape, as far as a client can rely on it. */
export const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .openapi('OpenApiDocument', { description: 'An OpenAPI 3.1 document.' })

/**
 * Registers the bearer security scheme and `GET /openapi.json` (OpenAPI 3.1,
 * listed in itself), generated on first request, so register it after every route.
 */
export function registerOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of `API_KEYS`; required only when `API_KEYS` is set.',
  })
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: OPENAPI_PATH,
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document',
    description: 'The same document as `openapi.yaml` in the repository. Never requires an API key.',
    responses: {
      200: { description: 'The OpenAPI 3.1 document of this API.', content: { 'application/json': { schema: OpenApiDocumentSchema } } },
    },
  })
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined
  app.get(OPENAPI_PATH, (c) => c.json((document ??= app.getOpenAPI31Document(openApiObjectConfig))))
}
