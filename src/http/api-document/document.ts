/**
 * The OpenAPI 3.1 document of mailbridge, generated from the route
 * descriptions of this folder and the zod schemas the routes validate and
 * answer with (their `.meta()`). Only `npm run openapi` and the tests load
 * this module: it writes `openapi.yaml` and `src/http/openapi.json`, which
 * the app serves as it is, so no runtime bundle carries the generator.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { OPENAPI_OBJECT_CONFIG } from './common.js'
import { formRoute, hookRoute } from './frontend-routes.js'
import { healthRoute, metricsRoute, openApiRoute, readyzRoute } from './probe-routes.js'
import { batchRoute, sendRoute } from './send-routes.js'

/**
 * Descriptions of properties that are plain references to a shared schema,
 * written beside the `$ref`: `.meta()` on such a property would describe the
 * shared schema itself (every recipient would read "Sender").
 */
const REFERENCE_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SendRequest: {
    from: 'Sender; `DEFAULT_FROM` when absent.',
    bcc: 'Receive the message but never appear in its headers.',
    reply_to: 'At most `MAX_REPLY_TO` addresses (default 10).',
  },
}

/** The document's paths, in the order it lists them. */
const ROUTES = [sendRoute, batchRoute, formRoute, hookRoute, healthRoute, readyzRoute, metricsRoute, openApiRoute]

/** An OpenAPI 3.1 document, as the generator types it. */
export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>

/**
 * The app's OpenAPI 3.1 document, as served and as written to `openapi.yaml`.
 * A property that refers to a shared schema and has its own description is
 * written `{$ref, description}` (OpenAPI 3.1 allows siblings of `$ref`)
 * instead of the generator's `allOf` of the two, which type generators turn
 * into `AddressList & unknown`.
 */
export function openApiDocument(): OpenApiDocument {
  // OpenAPIHono here only holds the registry and its generator; it serves nothing.
  const generator = new OpenAPIHono()
  for (const route of ROUTES) generator.openAPIRegistry.registerPath(route)
  generator.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of `API_KEYS`; required only when `API_KEYS` is set.',
  })
  const document = tidy(generator.getOpenAPI31Document(OPENAPI_OBJECT_CONFIG))
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
