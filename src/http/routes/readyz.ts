import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { ReadyState } from '../../smtp/probe.js'
import type { AppEnv } from '../env.js'
import { PUBLIC, serverResponses } from '../openapi.js'
import { PROBLEM_CONTENT_TYPE, problem, problemResponse } from '../problem.js'
import { ProblemSchema } from '../schemas.js'

export const ReadySchema = z
  .object({
    status: z.literal('ready'),
    degraded: z
      .array(z.string())
      .optional()
      .openapi({ description: 'What works only in part while the relay is fine, e.g. a shared Redis that is down (Idempotency-Key requests answer 503). Absent when everything works.' }),
  })
  .openapi('Ready')

export const readyzRoute = createRoute({
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
})

/**
 * Registers `GET /readyz`: `200 {"status":"ready"}` when `readiness` reports
 * ready (or when there is nothing to check), with `degraded` listing what
 * works only in part; else `503` problem+json with the reason. Never cached
 * by intermediaries.
 */
export function registerReadyz(app: OpenAPIHono<AppEnv>, readiness?: () => Promise<ReadyState>, degraded?: () => string[]): void {
  app.openapi(readyzRoute, async (c) => {
    c.header('Cache-Control', 'no-store')
    let state: ReadyState
    try {
      state = readiness ? await readiness() : { ready: true, checkedAt: Date.now() }
    } catch (err) {
      state = { ready: false, reason: err instanceof Error ? err.message : 'readiness check failed', checkedAt: Date.now() }
    }
    if (state.ready) {
      // A store that is down degrades some requests; the relay still takes mail, so the instance stays in rotation.
      const partial = degraded?.() ?? []
      return c.json(partial.length > 0 ? { status: 'ready' as const, degraded: partial } : { status: 'ready' as const }, 200)
    }
    const p = { ...problem('relay_unavailable', `Not ready: ${state.reason}`), status: 503, title: 'Not ready' }
    return problemResponse(c, p, { 'Retry-After': '5' }) as never
  })
}
