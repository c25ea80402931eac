import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Config } from '../config/load.js'
import { createApp } from '../http/app.js'
import type { AppEnv } from '../http/env.js'
import { serviceEvent, type Log } from '../http/log.js'
import type { AppOptions } from '../http/options.js'
import { createMetrics, type Metrics } from '../metrics/mailbridge.js'
import { createSmtpPool, type SmtpPool } from '../smtp/pool.js'
import { createReadiness, ehloCheck } from '../smtp/probe.js'
import type { SocketFactory } from '../smtp/socket.js'
import type { Mailer, SmtpConnectionOptions } from '../smtp/types.js'
import type { StoreHealth } from '../store/breaker.js'
import type { IdempotencyStore, RateLimiter } from '../store/types.js'
import { logSendFailures } from './failure-log.js'
import { createRelayMailer } from './relay-mailer.js'
import { requestScopedPool, withRequestConnections, type RequestConnections, type RequestContext, type WaitUntil } from './request-scope.js'
import { createSendPipeline } from './send-pipeline.js'
import { verifyRelay, type RelayVerdict } from './verify-relay.js'

export type { RequestConnections, RequestContext, WaitUntil }

type HonoExecutionContext = Parameters<OpenAPIHono<AppEnv>['fetch']>[2]

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
    | { idempotencyStore?: IdempotencyStore | undefined; rateLimiter?: RateLimiter | undefined; name?: string; health?: () => StoreHealth }
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
  /**
   * Log each failed send with the client's explanation (a `warn` service
   * event), for runtimes whose log is the only place an operator looks.
   * Default false.
   */
  logSendFailures?: boolean
}

/** A mailbridge ready to serve: the app, and the relay connections behind it. */
export interface Mailbridge {
  /** The HTTP app. */
  app: OpenAPIHono<AppEnv>
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
   * nothing, and logs `relay ok` or a warning with the cause. Never throws;
   * nothing to check with the capture relay.
   */
  verify(): Promise<RelayVerdict[]>
  /** QUITs the relay connections, waiting for sends in flight; resolves false when they were still open after `timeoutMs`. */
  close(timeoutMs?: number): Promise<boolean>
}

/**
 * The client options for the configured relay, or for the capture relay.
 *
 * @throws {Error} when `SMTP_HOST` is unset and no capture relay is given
 */
export function relayConnectionOptions(
  config: Config,
  captureRelay?: { host: string; port: number },
  connect?: SocketFactory,
): SmtpConnectionOptions {
  const { smtp } = config
  const common = { ehloName: smtp.ehloName, timeouts: smtp.timeouts, ...(connect ? { connect } : {}) }
  if (captureRelay) return { ...common, host: captureRelay.host, port: captureRelay.port, tls: 'none' }
  if (smtp.host === undefined) throw new Error('SMTP_HOST is unset and no capture relay was started')
  return {
    ...common,
    host: smtp.host,
    port: smtp.port,
    tls: smtp.tls,
    auth: smtp.auth,
    ca: smtp.ca,
    rejectUnauthorized: smtp.rejectUnauthorized,
  }
}

/**
 * Builds a running mailbridge from a `Config` and a runtime's parts: the relay
 * pool (and the fallback relay's), retries within `SEND_TIMEOUT_MS`,
 * readiness, metrics, the idempotency and rate-limit stores, the send
 * pipeline and the HTTP app. Runtime-neutral: each `src/runtime/<name>/`
 * entry is a few lines around it.
 *
 * @example
 * ```ts
 * const { app, close } = createMailbridge(config, { connect: createNodeSocket, log: writeLogLine })
 * ```
 */
export function createMailbridge(
  config: Config,
  { connect, log, stores = {}, clientAddress, requestBody, captureRelay, requestContext, connectionsPerRequest = 3, logSendFailures: explain = false }: MailbridgeParts,
): Mailbridge {
  const event = (level: 'info' | 'warn', msg: string) => log(serviceEvent(level, msg))
  const withTrace = (options: SmtpConnectionOptions): SmtpConnectionOptions =>
    config.smtp.trace
      ? { ...options, trace: (e) => log(serviceEvent('debug', 'smtp', { relay: `${options.host}:${options.port}`, connection: e.connection, dir: e.dir, line: e.line })) }
      : options
  const primaryOptions = withTrace(relayConnectionOptions(config, captureRelay, connect))
  if (!captureRelay) event('info', `relay ${primaryOptions.host}:${primaryOptions.port} (${config.smtp.tls}${config.smtp.auth ? ', AUTH' : ''})`)
  const fallbackOptions = captureRelay || !config.smtp.fallback ? undefined : withTrace({ ...primaryOptions, ...config.smtp.fallback })
  const size = requestContext ? Math.min(config.smtp.poolSize, connectionsPerRequest) : config.smtp.poolSize
  const openPool = (options: SmtpConnectionOptions) => (): SmtpPool => createSmtpPool({ ...options, size, maxMessages: config.smtp.poolMaxMessages })
  const poolOf = (relay: string, options: SmtpConnectionOptions): SmtpPool =>
    requestContext ? requestScopedPool(requestContext, relay, openPool(options)) : openPool(options)()
  const primary = poolOf('primary', primaryOptions)
  const fallback = fallbackOptions && poolOf('fallback', fallbackOptions)
  if (fallbackOptions) event('info', `fallback relay ${fallbackOptions.host}:${fallbackOptions.port}, used when ${primaryOptions.host} is unreachable`)

  const metrics = createMetrics()
  const storeHealth = stores.health
  const storeName = stores.name ?? 'store'
  if (storeHealth) metrics.observeStore(storeName, storeHealth)
  const readiness = createReadiness({
    checks: { primary: ehloCheck(primaryOptions), ...(fallbackOptions ? { fallback: ehloCheck(fallbackOptions) } : {}) },
  })
  const relayMailer = createRelayMailer({
    primary,
    fallback,
    attempts: config.smtp.retryAttempts,
    deadlineMs: config.sendTimeoutMs,
    metrics,
    readiness,
    onFailover: (from) => event('warn', `${from} relay unreachable: sending through the ${from === 'primary' ? 'fallback' : 'primary'} relay`),
  })
  const mailer = explain ? logSendFailures(relayMailer, log) : relayMailer
  const app = createApp({
    send: createSendPipeline({
      mailer,
      allowedSenders: config.allowedSenders,
      defaultFrom: config.defaultFrom,
      maxRecipients: config.maxRecipients,
      maxReplyTo: config.maxReplyTo,
      maxHeaders: config.maxHeaders,
      maxHeaderBytes: config.maxHeaderBytes,
    }),
    apiKeys: config.apiKeys,
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    log,
    idempotencyStore: stores.idempotencyStore,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds,
    rateLimiter: stores.rateLimiter,
    rateLimitPerMinute: config.rateLimitPerMinute,
    clientAddress,
    requestBody,
    readiness: readiness.check,
    degraded: storeHealth ? () => degradedStore(storeName, storeHealth()) : undefined,
    metrics,
  })

  const relays = captureRelay
    ? []
    : [{ name: 'relay', options: primaryOptions, pool: primary }, ...(fallbackOptions && fallback ? [{ name: 'fallback relay', options: fallbackOptions, pool: fallback }] : [])]
  const verify = () =>
    Promise.all(
      relays.map(async ({ name, options, pool }) => {
        const verdict = await verifyRelay(pool)
        if (verdict.ok) event('info', `${name} ok: ${options.host}:${options.port} answered (${config.smtp.tls}${config.smtp.auth ? ', AUTH' : ''})`)
        else event('warn', `${name} ${options.host}:${options.port} is not usable: ${verdict.reason}`)
        return verdict
      }),
    )

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
