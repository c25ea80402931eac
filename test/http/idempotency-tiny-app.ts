import { Hono } from 'hono'
import type { AppEnv } from '../../src/http/env.js'
import { idempotency, type IdempotencyOptions } from '../../src/http/middleware/idempotency.js'

/** What the tiny app's handler does for one request. */
export type Behaviour = (body: unknown) => Response | Promise<Response>

/**
 * A one-route app (`POST /send`) behind the idempotency middleware, counting
 * how often its handler ran. Shared by the idempotency middleware tests.
 */
export function tinyApp(options: IdempotencyOptions, behaviour: Behaviour = ok) {
  const calls: unknown[] = []
  const app = new Hono<AppEnv>()
  app.onError((err, c) => c.json({ error: err.message }, 500))
  app.use('/send', idempotency(options))
  app.post('/send', async (c) => {
    const body: unknown = await c.req.json()
    calls.push(body)
    return behaviour(body)
  })
  return { app, calls }
}

export const ok: Behaviour = (body) => Response.json({ echo: body, n: Math.random() }, { headers: { 'X-Other': 'not replayed' } })

export function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/send', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}
