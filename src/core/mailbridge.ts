import type { Hono } from 'hono'
import type { Config } from '../config/load.js'
import { createApp } from '../http/app.js'
import type { AppEnv } from '../http/env.js'
import { serviceEvent, type Log } from '../http/log.js'
import type { AppOptions } from '../http/options.js'
import { createMetrics, type Metrics } from '../metrics/mailbridge.js'
import type { MxResolver } from '../smtp/mx/resolver.js'
import type { SocketFactory } from '../smtp/socket.js'
import type { Mailer } from '../smtp/types.js'
import type { StoreHealth } from '../store/breaker.js'
import type { IdempotencyStore, RateLimiter } from '../store/types.js'
import { directOutbound } from './direct-outbound.js'
import { dkimSigning } from './dkim/startup.js'
import { logSendFailures } from './failure-log.js'
import { frontendOptions, frontendsSummary } from './frontends.js'
import { relayConnectionOptions, relayOutbound } from './relay-outbound.js'
import { withRequestConnections, type RequestConnections, type RequestContext, type WaitUntil } from './request-scope.js'
import { createSendPipeline, type SendPipelineOptions } from './send-pipeline.js'
import type { RelayVerdict } from './verify-relay.js'

export type { RequestConnections, RequestContext, WaitUntil }

type HonoExecutionContext = Parameters<Hono<AppEnv>['fetch']>[2]

/** What the runtime passes with each request: Workers' `ctx`, or nothing. */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void
}

/** What a runtime hands the core: how to open sockets, where to log, and what it alone can provide. */
export interface MailbridgeParts {
  /** Opens a byte stream to a relay: the runtime's `SmtpSocket` factory. */
  connect: SocketFactory
  /** Receives request log entries and service events. */
  log: Log
  /** Shared idempotency and rate-limit stores (e.g. Redis), and their health. Default: in memory, per instance. */
  stores?:
    | {
        idempotencyStore?: IdempotencyStore | undefined
        rateLimiter?: RateLimiter | undefined
        /** Shared limiters of other rates, for keys and forms with a rate of their own. Default: in memory. */
        rateLimiterFor?: ((perMinute: number) => RateLimiter) | undefined
        name?: string
        health?: () => StoreHealth
      }
    | undefined
  /** The caller's network address, for rate limits without API keys (runtime-specific). */
  clientAddress?: AppOptions['clientAddress']
  /** The request body as the runtime reads it, for large bodies (see `AppOptions.requestBody`). */
  requestBody?: AppOptions['requestBody']
  /**
   * A local relay to send to instead of `SMTP_HOST` (the built-in capture relay,
   * clear text, no AUTH). Required when `SMTP_HOST` is unset.
   */
  captureRelay?: { host: string; port: number } | undefined
  /** DNS lookups for `DELIVERY_MODE=mx` (on Node, `createNodeResolver`); required in that mode. */
  resolver?: MxResolver | undefined
  /**
   * Where relay connections live. Default: one pool for the life of the
   * process, shared by every request (Node, Bun, Deno, Lambda across warm
   * invocations). With a request context, each request opens its own
   * connections (at most `connectionsPerRequest` per relay, for the
   * `/send/batch` messages to share) and QUITs them when it ends: for
   * runtimes where a socket cannot outlive its request (Workers). Serve
   * {@link Mailbridge.fetch} then, not `app.fetch`.
   */
  requestContext?: RequestContext<RequestConnections> | undefined
  /** With a request context: most connections one request opens to one relay, capped by `SMTP_POOL_SIZE`. Default 3. */
  connectionsPerRequest?: number
}

/** A mailbridge ready to serve: the app, and the relay connections behind it. */
export interface Mailbridge {
  /** The HTTP app. */
  app: Hono<AppEnv>
  /**
   * What to serve: `app.fetch`, run inside its own request context when
   * connections are per request (their QUIT is handed to `ctx.waitUntil`).
   */
  fetch(request: Request, env?: unknown, ctx?: ExecutionContextLike): Promise<Response>
  /** The mailer every send goes through (pools, fallback, retries, metrics). */
  mailer: Mailer
  metrics: Metrics
  /**
   * Checks the configured relay (and the fallback relay) once, sending
   * nothing, and logs `relay ok` or a warning with the cause; with DKIM,
   * also imports the keys (the last verdict). Never throws; no relay to
   * check with the capture relay.
   */
  verify(): Promise<RelayVerdict[]>
  /** QUITs the relay connections, waiting for sends in flight; resolves false when they were still open after `timeoutMs`. */
  close(timeoutMs?: number): Promise<boolean>
}

export { relayConnectionOptions }

/**
 * Builds a running mailbridge from a `Config` and a runtime's parts: the way
 * out (the relay pool, the fallback relay's and retries within
 * `SEND_TIMEOUT_MS`; or, with `DELIVERY_MODE=mx`, direct delivery to MX
 * hosts), DKIM signing, readiness, metrics, the idempotency and rate-limit
 * stores, the send pipeline and the HTTP app. Runtime-neutral: each `src/runtime/<name>/`
 * entry is a few lines around it.
 *
 * @example
 * ```ts
 * const { app, close } = createMailbridge(config, { connect: createNodeSocket, log: writeLogLine })
 * ```
 */
export function createMailbridge(
  config: Config,
  { connect, log, stores = {}, clientAddress, requestBody, captureRelay, resolver, requestContext, connectionsPerRequest = 3 }: MailbridgeParts,
): Mailbridge {
  const event = (level: 'info' | 'warn', msg: string) => log(serviceEvent(level, msg))
  const metrics = createMetrics()
  const storeHealth = stores.health
  const storeName = stores.name ?? 'store'
  if (storeHealth) metrics.observeStore(storeName, storeHealth)
  const outbound =
    config.delivery.mode === 'mx'
      ? directOutbound(config, { connect, log, metrics, resolver })
      : relayOutbound(config, { connect, log, metrics, captureRelay, requestContext, connectionsPerRequest })
  const dkim = dkimSigning(config.dkim, event)
  const signed = dkim ? dkim.wrap(outbound.mailer) : outbound.mailer
  // Every failed send is logged with the client's own explanation (host, OS error, relay reply): the answer's detail names the cause, this line the specifics.
  const mailer = logSendFailures(signed, log)
  const pipeline: SendPipelineOptions = {
    mailer,
    allowedSenders: config.allowedSenders,
    defaultFrom: config.defaultFrom,
    maxRecipients: config.maxRecipients,
    maxReplyTo: config.maxReplyTo,
    maxHeaders: config.maxHeaders,
    maxHeaderBytes: config.maxHeaderBytes,
  }
  const send = createSendPipeline(pipeline)
  const summary = frontendsSummary(config)
  if (summary) event('info', summary)
  const app = createApp({
    send,
    ...frontendOptions(config, pipeline, send),
    apiKeys: config.apiKeys,
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    log,
    idempotencyStore: stores.idempotencyStore,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds,
    rateLimiter: stores.rateLimiter,
    ...(stores.rateLimiterFor ? { rateLimiterFor: stores.rateLimiterFor } : {}),
    rateLimitPerMinute: config.rateLimitPerMinute,
    clientAddress,
    requestBody,
    readiness: outbound.readiness.check,
    degraded: storeHealth ? () => degradedStore(storeName, storeHealth()) : undefined,
    metrics,
  })

  const verify = async () => [...(await outbound.verify()), ...(dkim ? [await dkim.verify()] : [])]

  const fetch = requestContext
    ? (request: Request, env?: unknown, ctx?: ExecutionContextLike) =>
        withRequestConnections(requestContext, async () => app.fetch(request, env, ctx as HonoExecutionContext), ctx && ((p) => ctx.waitUntil(p)))
    : async (request: Request, env?: unknown, ctx?: ExecutionContextLike) => app.fetch(request, env, ctx as HonoExecutionContext)
  return { app, fetch, mailer, metrics, verify, close: (timeoutMs = 5_000) => within(mailer.close(), timeoutMs) }
}

/** What `/readyz` says while a shared store is down; nothing while it is up. */
function degradedStore(name: string, health: StoreHealth): string[] {
  if (health.up) return []
  return [
    `${name} unreachable since ${new Date(health.since).toISOString()} (${health.reason ?? 'down'}): requests with an Idempotency-Key answer 503 and rate limits are not applied until it is back`,
  ]
}

/** Whether a promise settled within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}
