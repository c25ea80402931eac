import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { hostname } from 'node:os'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createApp, type RequestLogEntry } from '../../http/app.js'
import { loadConfig, type Config } from '../../config/load.js'
import { startCaptureRelay, type CaptureRelay } from './capture-relay.js'
import { createLineBuffer } from './line-buffer.js'
import { drainHttpServer } from './drain.js'
import { createMetrics } from '../../metrics/mailbridge.js'
import { createRelayMailer } from '../../core/relay-mailer.js'
import { createSmtpPool, type SmtpPool } from '../../smtp/pool.js'
import { createReadiness, ehloCheck } from '../../smtp/probe.js'
import type { Mailer, SmtpConnectionOptions } from '../../smtp/types.js'
import type { RedisStores } from '../../store/redis.js'

/** A service event or a request log entry, written as one JSON line. */
export type LogLine = RequestLogEntry | ServiceEvent

/** Startup, capture and shutdown events. Never carries secrets or message content. */
export interface ServiceEvent {
  time: string
  level: 'info' | 'warn' | 'error'
  msg: string
  [field: string]: unknown
}

export interface StartServerOptions {
  /** Receives request log entries and service events. Default: {@link writeLogLine} (one JSON line each on stdout). */
  log?: (line: LogLine) => void
  /** Longest `close()` lets requests in flight run before cutting them. Default 10 000 ms. */
  shutdownTimeoutMs?: number
  /** Longest `close()` waits for the relay connections to QUIT. Default 5 000 ms. */
  mailerCloseTimeoutMs?: number
}

/** A running mailbridge. */
export interface RunningServer {
  /** `http://host:port` it listens on. */
  url: string
  port: number
  /** The built-in capture relay, when `SMTP_HOST` is unset. */
  captureRelay: CaptureRelay | undefined
  /**
   * Graceful shutdown: stop accepting, let requests in flight finish (bounded),
   * QUIT relay connections, close Redis, stop the capture relay. Idempotent.
   * `forced` is true when something had to be cut at a deadline.
   */
  close(): Promise<{ forced: boolean }>
}

/** Lines for stdout, written once per event-loop turn (see `createLineBuffer`). */
const stdoutLines = createLineBuffer({ write: (chunk) => void process.stdout.write(chunk) })
let stdoutReady = false

/**
 * The default log: one JSON line per entry on stdout, buffered and written
 * once per event-loop turn, and at once on `flushLogLines()`, on `close()` and
 * on process `exit`.
 *
 * A pipe on stdout (`docker logs`, `| tee`) is made blocking, as Node documents
 * pipes to be on Linux but does not make them: otherwise a write the pipe has
 * no room for is queued, and `process.exit()` drops it.
 */
export function writeLogLine(line: LogLine): void {
  if (!stdoutReady) {
    stdoutReady = true
    const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => unknown } })._handle
    handle?.setBlocking?.(true)
    process.once('exit', flushLogLines)
  }
  stdoutLines.push(JSON.stringify(line))
}

/** Writes the buffered stdout log lines now (before writing to stdout directly, or exiting). */
export function flushLogLines(): void {
  stdoutLines.flush()
}

/**
 * `loadConfig` with Node's file reader (for `SMTP_TLS_CA_FILE`) and the machine
 * hostname (default `SMTP_EHLO_NAME`).
 *
 * @throws {ConfigError}
 */
export function loadNodeConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(env, { readFile: (path) => readFileSync(path, 'utf8'), hostname: hostname() })
}

/** The client options for the configured relay, or for the capture relay. */
export function relayConnectionOptions(config: Config, relay?: CaptureRelay): SmtpConnectionOptions {
  const { smtp } = config
  const common = { ehloName: smtp.ehloName, timeouts: smtp.timeouts }
  if (relay) return { ...common, host: relay.host, port: relay.port, tls: 'none' }
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
 * Starts mailbridge on Node: the capture relay when no `SMTP_HOST` is set, the
 * SMTP connection pool, the Redis stores when `REDIS_URL` is set, the Hono
 * app, and the HTTP server on `HOST:PORT`.
 *
 * @example
 * ```ts
 * const server = await startServer(loadNodeConfig())
 * process.once('SIGTERM', () => server.close().then(() => process.exit(0)))
 * ```
 */
export async function startServer(
  config: Config,
  { log = writeLogLine, shutdownTimeoutMs = 10_000, mailerCloseTimeoutMs = 5_000 }: StartServerOptions = {},
): Promise<RunningServer> {
  const event = (level: ServiceEvent['level'], msg: string, fields: Record<string, unknown> = {}) =>
    log({ time: new Date().toISOString(), level, msg, ...fields })
  for (const warning of config.warnings) event('warn', warning)

  let relay: CaptureRelay | undefined
  let mailer: Mailer | undefined
  let redis: RedisStores | undefined
  try {
    if (config.redisUrl !== undefined) {
      // Loaded only when used, so ioredis stays out of deployments without Redis.
      const { createRedisStores } = await import('../../store/redis.js')
      let down = false
      redis = createRedisStores({
        url: config.redisUrl,
        rateLimitPerMinute: config.rateLimitPerMinute,
        // ioredis reports every reconnect attempt: log the first failure of each outage only.
        onError: (err) => {
          if (!down) event('warn', `redis unreachable, retrying: ${err.message}`)
          down = true
        },
      })
      redis.redis.on('ready', () => {
        if (down) event('info', 'redis reachable again')
        down = false
      })
      event('info', 'idempotency keys and rate limits are shared through Redis')
    }
    if (config.smtp.host === undefined) {
      relay = await startCaptureRelay({
        outboxDir: config.outboxDir,
        onMessage: (m) => event('info', 'message captured', { queue_id: m.queueId, path: m.path, size: m.size }),
        onError: (e) => event('error', `capture relay cannot write to the outbox: ${e instanceof Error ? e.message : String(e)}`),
      })
      event('info', `mail is captured, not delivered: SMTP_HOST is unset, so messages go to the built-in relay and are written to ${relay.outboxDir}`, {
        outbox_dir: relay.outboxDir,
        relay: `${relay.host}:${relay.port}`,
      })
    } else {
      event('info', `relay ${config.smtp.host}:${config.smtp.port} (${config.smtp.tls}${config.smtp.auth ? ', AUTH' : ''})`)
    }
    // Issue 6: fallback relay, retries within SEND_TIMEOUT_MS, readiness and metrics.
    const primaryOptions = relayConnectionOptions(config, relay)
    const fallbackOptions = relay || !config.smtp.fallback ? undefined : { ...primaryOptions, ...config.smtp.fallback }
    const poolOf = (options: SmtpConnectionOptions): SmtpPool =>
      createSmtpPool({ ...options, size: config.smtp.poolSize, maxMessages: config.smtp.poolMaxMessages })
    const primary = poolOf(primaryOptions)
    const fallback = fallbackOptions && poolOf(fallbackOptions)
    if (fallbackOptions) event('info', `fallback relay ${fallbackOptions.host}:${fallbackOptions.port}, used when ${primaryOptions.host} is unreachable`)
    const metrics = createMetrics()
    const readiness = createReadiness({
      checks: { primary: ehloCheck(primaryOptions), ...(fallbackOptions ? { fallback: ehloCheck(fallbackOptions) } : {}) },
    })
    mailer = createRelayMailer({
      primary,
      fallback,
      attempts: config.smtp.retryAttempts,
      deadlineMs: config.sendTimeoutMs,
      metrics,
      readiness,
      onFailover: (from) => event('warn', `${from} relay unreachable: sending through the ${from === 'primary' ? 'fallback' : 'primary'} relay`),
    })
    const app = createApp({
      mailer,
      apiKeys: config.apiKeys,
      allowedSenders: config.allowedSenders,
      defaultFrom: config.defaultFrom,
      maxBodyBytes: config.maxBodyBytes,
      maxRecipients: config.maxRecipients,
      corsOrigins: config.corsOrigins,
      log,
      idempotencyStore: redis?.idempotencyStore,
      idempotencyTtlSeconds: config.idempotencyTtlSeconds,
      rateLimiter: redis?.rateLimiter,
      rateLimitPerMinute: config.rateLimitPerMinute,
      clientAddress: (c) => getConnInfo(c).remote.address,
      readiness: readiness.check,
      metrics,
    })
    const http = await listen(app.fetch, config.port, config.host)
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
    event('info', `listening on ${url}`, { url })

    const running = mailer
    const capture = relay
    const shared = redis
    let closing: Promise<{ forced: boolean }> | undefined
    const close = async () => {
      event('info', 'shutting down: no new requests, waiting for the ones in flight')
      const { forced } = await drainHttpServer(http, shutdownTimeoutMs)
      if (forced) event('warn', `requests still running after ${shutdownTimeoutMs} ms were cut`)
      const quit = await within(running.close(), mailerCloseTimeoutMs)
      if (!quit) event('warn', `relay connections did not close within ${mailerCloseTimeoutMs} ms`)
      await shared?.close()
      await capture?.close()
      event('info', 'stopped')
      flushLogLines()
      return { forced: forced || !quit }
    }
    return { url, port, captureRelay: relay, close: () => (closing ??= close()) }
  } catch (e) {
    await mailer?.close().catch(() => {})
    await redis?.close()
    await relay?.close()
    flushLogLines()
    throw e
  }
}

/** Serves the app and resolves once it listens (rejects on e.g. EADDRINUSE). */
function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }) as Server
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
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
