import type { Hono } from 'hono'
import type { AppEnv } from '../env.js'

/** Registers `GET /healthz` → `200 {"status":"ok"}`. */
export function registerHealth(app: Hono<AppEnv>): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' as const }, 200))
}
