import type { Env, Hono } from 'hono'
import { HonoBase } from 'hono/hono-base'
import { RegExpRouter } from 'hono/router/reg-exp-router'

/**
 * A Hono app routed by `RegExpRouter` alone. `new Hono()` routes with a
 * SmartRouter that tries RegExpRouter and falls back to TrieRouter for
 * patterns RegExpRouter refuses; mailbridge's routes are static paths and
 * middleware on every path, which RegExpRouter always takes, so the app
 * matches exactly as before without carrying the other two routers.
 */
export function createHono<E extends Env>(): Hono<E> {
  return new HonoBase<E>({ router: new RegExpRouter() })
}
