/**
 * The Cloudflare Workers entry (`dist/worker.js`): an ES module Worker. The
 * first request of each isolate reads the configuration from the Worker's
 * bindings and builds mailbridge; a bad configuration answers every request
 * 500 naming the variables to fix. Needs the `nodejs_als` (or `nodejs_compat`)
 * compatibility flag, for the per-request relay connections.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { ExecutionContext } from 'cloudflare:workers'
import { ConfigError } from '../../config/load.js'
import { createMailbridge, type RequestConnections } from '../../core/mailbridge.js'
import { cannotStartMessage, misconfiguredApp } from '../../core/misconfigured.js'
import { logJsonLine, serviceEvent } from '../../http/log.js'
import { loadWorkerConfig } from './config.js'
import { storesFrom } from './bindings.js'
import { createWorkersSocket } from './socket.js'

export { MailbridgeState } from './state-object.js'

type Serve = (request: Request, env: Record<string, unknown>, ctx: ExecutionContext) => Promise<Response> | Response

let serve: Serve | undefined

/** Builds what this isolate serves, once, logging what Node logs at startup. */
function start(env: Record<string, unknown>): Serve {
  try {
    const config = loadWorkerConfig(env)
    for (const warning of config.warnings) logJsonLine(serviceEvent('warn', warning))
    const stores = storesFrom(env, config.rateLimitPerMinute)
    logJsonLine(serviceEvent('info', stores ? 'idempotency keys and rate limits are shared through the MAILBRIDGE_STATE Durable Object' : 'idempotency keys and rate limits are kept per isolate (bind MAILBRIDGE_STATE to share them)'))
    const mailbridge = createMailbridge(config, {
      connect: createWorkersSocket,
      log: logJsonLine,
      stores,
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
      requestContext: new AsyncLocalStorage<RequestConnections>(),
    })
    return mailbridge.fetch
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    console.error(cannotStartMessage(e))
    const app = misconfiguredApp(e)
    return (request) => app.fetch(request)
  }
}

export default {
  fetch(request: Request, env: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> | Response {
    serve ??= start(env)
    return serve(request, env, ctx)
  },
}
