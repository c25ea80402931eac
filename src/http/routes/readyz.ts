import type { Hono } from 'hono'
import type { ReadyState } from '../../smtp/probe.js'
import type { AppEnv } from '../env.js'
import { problem, problemResponse } from '../problem.js'

/**
 * Registers `GET /readyz`: `200 {"status":"ready"}` when `readiness` reports
 * ready (or when there is nothing to check), with `degraded` listing what
 * works only in part; else `503` problem+json with the reason. Never cached
 * by intermediaries.
 */
export function registerReadyz(app: Hono<AppEnv>, readiness?: () => Promise<ReadyState>, degraded?: () => string[]): void {
  app.get('/readyz', async (c) => {
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
    return problemResponse(c, p, { 'Retry-After': '5' })
  })
}
