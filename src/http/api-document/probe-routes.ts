import type { RouteConfig } from '@hono/zod-openapi'
import * as z from 'zod'
import { PROBLEM_CONTENT_TYPE } from '../problem.js'
import { HealthSchema, ProblemSchema, ReadySchema } from '../response-schemas.js'
import { PUBLIC, serverResponses } from './common.js'

/** `GET /healthz`. */
export const healthRoute: RouteConfig = {
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  summary: 'Liveness probe',
  security: PUBLIC,
  responses: {
    ...serverResponses,
    200: { description: 'The process is alive.', content: { 'application/json': { schema: HealthSchema } } },
  },
}

/** `GET /readyz`. */
export const readyzRoute: RouteConfig = {
  method: 'get',
  path: '/readyz',
  operationId: 'ready',
  summary: 'Readiness probe',
  description:
    'Ready when the SMTP relay (or the fallback relay) answered an EHLO, or took a message, within the last few seconds. The answer is cached for a few seconds; a check uses a short timeout.',
  security: PUBLIC,
  responses: {
    ...serverResponses,
    200: { description: 'The relay answered recently: send traffic here.', content: { 'application/json': { schema: ReadySchema } } },
    503: {
      description: 'relay_unavailable: the relay did not answer; `detail` says why. Keep traffic away until it recovers.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    },
  },
}

/** `GET /metrics`. */
export const metricsRoute: RouteConfig = {
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
      content: { 'text/plain': { schema: z.string().meta({ example: 'mailbridge_sends_total{outcome="sent"} 42\n' }) } },
    },
  },
}

/** The served document's shape, as far as a client can rely on it. */
const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document.' })

/** `GET /openapi.json`: the document lists itself. */
export const openApiRoute: RouteConfig = {
  method: 'get',
  path: '/openapi.json',
  operationId: 'openapi',
  summary: 'This OpenAPI 3.1 document',
  description: 'The same document as `openapi.yaml` in the repository. Never requires an API key.',
  security: PUBLIC,
  responses: {
    200: { description: 'The OpenAPI 3.1 document of this API.', content: { 'application/json': { schema: OpenApiDocumentSchema } } },
    ...serverResponses,
  },
}
