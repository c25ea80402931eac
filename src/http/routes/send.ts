import type { Hono, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { readJsonBody } from '../json-body.js'
import { jsonResponse } from '../json-response.js'
import { failureResponse, recordSent } from '../respond.js'
import { SendRequestSchema } from '../schemas.js'
import type { BodyHandler } from '../send-handler.js'

/**
 * Registers a send-like route: `POST path` runs `guards` (auth, rate limit,
 * content type, body limit, idempotency), then `handler`, which reads and
 * validates the body itself ({@link readJsonBody}); other methods on the
 * path get a 405 from the app's not-found handler.
 */
export function mountSendLikeRoute(app: Hono<AppEnv>, path: string, guards: MiddlewareHandler<AppEnv>[], handler: MiddlewareHandler<AppEnv>): void {
  for (const guard of guards) app.on('POST', path, guard)
  app.on('POST', path, handler)
}

/** Registers `POST /send` behind `guards` (see {@link mountSendLikeRoute}). */
export function registerSend(
  app: Hono<AppEnv>,
  send: BodyHandler,
  guards: MiddlewareHandler<AppEnv>[],
): void {
  const options = { fromRequired: send.fromRequired === true }
  mountSendLikeRoute(app, '/send', guards, async (c) => {
    const body = await readJsonBody(c, SendRequestSchema, options)
    if (!body.ok) return body.response
    const outcome = await send(body.restore(body.value), { key: c.get('apiKey') })
    if (outcome.ok) return jsonResponse(c, JSON.stringify(recordSent(c, outcome.body)), 200)
    return failureResponse(c, outcome)
  })
}
