import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Config, HttpServerConfig } from '../../config/load.js'
import { createMailbridge, type Mailbridge } from '../../core/mailbridge.js'
import { serviceEvent, type Log, type LogLine, type ServiceEvent } from '../../http/log.js'
import type { RedisStores } from '../../store/redis.js'
import type { CaptureRelay } from './capture-relay.js'
import { createNodeResolver } from './dns.js'
import { drainHttpServer } from './drain.js'
import { flushLogLines, writeLogLine } from './log.js'
import { startRedis } from './redis.js'
import type { CodeCacheUse } from './code-cache.js'
import type { EarlyRelayConnection } from './early-relay.js'
import { nodeSocketFactory } from './socket.js'

export type { LogLine, ServiceEvent }
export { flushLogLines, writeLogLine }
export { relayConnectionOptions } from '../../core/mailbridge.js'

export interface StartServerOptions {
  /** Receives request log entries and service events. Default: {@link writeLogLine} (one JSON line each on stdout). */
  log?: Log
  /** Longest `close()` lets requests in flight run before cutting them. Default 10 000 ms. */
  shutdownTimeoutMs?: number
  /** Longest `close()` waits for the relay connections to QUIT. Default 5 000 ms. */
  mailerCloseTimeoutMs?: number
  /** The relay connection `npm start` opened before loading mailbridge: the pool's first connection starts from it. */
  earlyRelay?: EarlyRelayConnection | undefined
  /** How `npm start` loaded mailbridge's code (start-service.ts): shown as `code_cache` on the `listening` line. */
  codeCache?: CodeCacheUse | undefined
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

/**
 * Starts mailbridge on Node: the capture relay when no `SMTP_HOST` is set, the
 * SMTP connection pool, the Redis stores when `REDIS_URL` is set, the Hono
 * app, and the HTTP server on `HOST:PORT`.
 *
 * @example
 * ```ts
 * const server = await startServer(loadNodeConfig()) // node-config.ts
 * process.once('SIGTERM', () => server.close().then(() => process.exit(0)))
 * ```
 */
export async function startServer(
  config: Config,
  { log = writeLogLine, shutdownTimeoutMs = 10_000, mailerCloseTimeoutMs = 5_000, earlyRelay, codeCache }: StartServerOptions = {},
): Promise<RunningServer> {
  const event = (level: ServiceEvent['level'], msg: string, fields: Record<string, unknown> = {}) => log(serviceEvent(level, msg, fields))
  for (const warning of config.warnings) event('warn', warning)

  let relay: CaptureRelay | undefined
  let mailbridge: Mailbridge | undefined
  let redis: RedisStores | undefined
  try {
    if (config.redisUrl !== undefined) redis = await startRedis(config.redisUrl, config.rateLimitPerMinute, event)
    if (config.smtp.host === undefined && config.delivery.mode === 'relay') {
      // Loaded only when used: a deployment with a relay never loads smtp-server.
      const { startCaptureRelay } = await import('./capture-relay.js')
      relay = await startCaptureRelay({
        outboxDir: config.outboxDir,
        onMessage: (m) => event('info', 'message captured', { queue_id: m.queueId, path: m.path, size: m.size }),
        onError: (e) => event('error', `capture relay cannot write to the outbox: ${e instanceof Error ? e.message : String(e)}`),
      })
      event('info', `mail is captured, not delivered: SMTP_HOST is unset, so messages go to the built-in relay and are written to ${relay.outboxDir}`, {
        outbox_dir: relay.outboxDir,
        relay: `${relay.host}:${relay.port}`,
      })
    }
    mailbridge = createMailbridge(config, {
      connect: nodeSocketFactory(earlyRelay),
      log,
      stores: redis && { ...redis, name: 'redis' },
      clientAddress: (c) => getConnInfo(c).remote.address,
      // The IncomingMessage itself: read through c.req.raw.body, every chunk is copied once more.
      requestBody: (c) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming,
      captureRelay: relay,
      // Only direct delivery looks names up: a relay deployment makes no resolver (a c-ares channel) at start.
      resolver: config.delivery.mode === 'mx' ? createNodeResolver({ servers: config.delivery.dnsServers }) : undefined,
    })
    const http = await listen(mailbridge.app.fetch, config)
    let lastDropWarning = -Infinity
    http.on('drop', () => {
      // One line a minute at most: a flood of connections must not flood the log too.
      if (performance.now() - lastDropWarning < 60_000) return
      lastDropWarning = performance.now()
      event('warn', `connection refused: ${config.httpServer.maxConnections} connections are open (HTTP_MAX_CONNECTIONS)`)
    })
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
    event('info', `listening on ${url}`, codeCache === undefined ? { url } : { url, code_cache: codeCache })
    // Once, in the background: a wrong password or CA shows in the log at startup, not at the first send.
    void mailbridge.verify()

    const running = mailbridge
    const capture = relay
    const shared = redis
    let closing: Promise<{ forced: boolean }> | undefined
    const close = async () => {
      event('info', 'shutting down: no new requests, waiting for the ones in flight')
      const { forced } = await drainHttpServer(http, shutdownTimeoutMs)
      if (forced) event('warn', `requests still running after ${shutdownTimeoutMs} ms were cut`)
      const quit = await running.close(mailerCloseTimeoutMs)
      if (!quit) event('warn', `relay connections did not close within ${mailerCloseTimeoutMs} ms`)
      await shared?.close()
      await capture?.close()
      event('info', 'stopped')
      flushLogLines()
      return { forced: forced || !quit }
    }
    return { url, port, captureRelay: relay, close: () => (closing ??= close()) }
  } catch (e) {
    await mailbridge?.close()
    await redis?.close()
    await relay?.close()
    flushLogLines()
    throw e
  }
}

/**
 * Node's deadlines for slow and idle clients. Timed-out requests are looked
 * for every second (Node's default is every 30 s, which let a client hold a
 * connection up to 30 s past its deadline), or more often for deadlines under 2 s.
 */
function serverOptions({ requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs }: HttpServerConfig): ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: headersTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(headersTimeoutMs / 2))),
  }
}

/**
 * `Expect: 100-continue`: invites the body only when its declared length fits
 * `maxBodyBytes`. Otherwise the app sees the request without the invitation
 * and answers `413` from the `Content-Length` alone; Node then closes the
 * connection rather than read a body it never asked for.
 */
function continueWithin(maxBodyBytes: number, server: Server) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const length = req.headers['content-length']
    if (length === undefined || !/^\d+$/.test(length) || Number(length) <= maxBodyBytes) res.writeContinue()
    server.emit('request', req, res)
  }
}

/** Serves the app with the `HTTP_*` settings and resolves once it listens (rejects on e.g. EADDRINUSE). */
function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host, serverOptions: serverOptions(config.httpServer) }) as Server
    server.maxConnections = config.httpServer.maxConnections
    server.on('checkContinue', continueWithin(config.maxBodyBytes, server))
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}
