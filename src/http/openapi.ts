import { z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './env.js'
import { REFERENCE_DESCRIPTIONS } from './schemas.js'

/** The top of the OpenAPI document; paths and schemas come from the routes. */
export const openApiObjectConfig = {
  openapi: '3.1.0',
  info: {
    title: 'mailbridge',
    version: '0.1.0',
    description:
      'HTTP-to-SMTP email API: POST JSON, get a standards-correct MIME message delivered to your relay. Errors are RFC 9457 `application/problem+json`.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'A local mailbridge (`npm start`); use your deployment\'s URL.' }],
}

/**
 * Responses any route can get from the HTTP server itself, before the app
 * runs: a request whose headers or body did not arrive in time, or whose
 * headers are too large. Listed on the public routes, which have no other 4xx.
 */
export const serverResponses = {
  408: { description: 'The request did not arrive within `HTTP_HEADERS_TIMEOUT_MS` / `HTTP_REQUEST_TIMEOUT_MS`; the connection is closed.' },
  431: { description: 'The request headers are larger than the HTTP server accepts.' },
} as const

/** `security` of the routes that never ask for an API key. */
export const PUBLIC: Array<Record<string, string[]>> = []

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
    security: PUBLIC,
    responses: {
      200: { description: 'The OpenAPI 3.1 document of this API.', content: { 'application/json': { schema: OpenApiDocumentSchema } } },
      ...serverResponses,
    },
  })
  let document: unknown
  app.get(OPENAPI_PATH, (c) => c.json((document ??= openApiDocument(app)) as Record<string, unknown>))
}

/**
 * The app's OpenAPI 3.1 document, as served and as written to `openapi.yaml`.
 * A property that refers to a shared schema and has its own description is
 * written `{$ref, description}` (OpenAPI 3.1 allows siblings of `$ref`)
 * instead of the generator's `allOf` of the two, which type generators turn
 * into `AddressList & unknown`.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>): ReturnType<typeof app.getOpenAPI31Document> {
  const document = tidy(app.getOpenAPI31Document(openApiObjectConfig))
  const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, Record<string, unknown>> }>
  for (const [schema, properties] of Object.entries(REFERENCE_DESCRIPTIONS)) {
    for (const [property, description] of Object.entries(properties)) {
      const target = schemas[schema]?.properties?.[property]
      if (target) target.description = description
    }
  }
  return document
}

function tidy<T>(node: T): T {
  if (Array.isArray(node)) return node.map(tidy) as T
  if (typeof node !== 'object' || node === null) return node
  const entries = Object.entries(node).map(([k, v]) => [k, tidy(v)] as const)
  const obj = Object.fromEntries(entries) as Record<string, unknown>
  const all = obj.allOf
  if (Array.isArray(all) && all.length === 2 && Object.keys(obj).length === 1) {
    const [ref, extra] = all as Record<string, unknown>[]
    if (ref && extra && typeof ref.$ref === 'string' && Object.keys(ref).length === 1 && Object.keys(extra).every((k) => k === 'description')) {
      return { ...ref, ...extra } as T
    }
  }
  return obj as T
}
