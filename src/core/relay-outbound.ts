import type { Config } from '../config/load.js'
import { serviceEvent, type Log } from '../http/log.js'
import type { Metrics } from '../metrics/mailbridge.js'
import { createSmtpPool, type SmtpPool } from '../smtp/pool.js'
import { createReadiness, ehloCheck, type Readiness } from '../smtp/probe.js'
import type { SocketFactory } from '../smtp/socket.js'
import type { Mailer, SmtpConnectionOptions } from '../smtp/types.js'
import { createRelayMailer } from './relay-mailer.js'
import { smtpTraceLog } from './smtp-trace-log.js'
import { requestScopedPool, type RequestConnections, type RequestContext } from './request-scope.js'
import { verifyRelay, type RelayVerdict } from './verify-relay.js'

/** How messages leave: the mailer, what `/readyz` asks, and the startup check. */
export interface Outbound {
  mailer: Mailer
  readiness: Readiness
  /** Checks the way out once, sending nothing, and logs what it found. Never throws. */
  verify(): Promise<RelayVerdict[]>
}

/** What {@link relayOutbound} needs besides the configuration. */
export interface RelayOutboundParts {
  connect: SocketFactory
  log: Log
  metrics: Metrics
  captureRelay?: { host: string; port: number } | undefined
  requestContext?: RequestContext<RequestConnections> | undefined
  connectionsPerRequest: number
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
 * `DELIVERY_MODE=relay`: the relay pool (and the fallback relay's), retries
 * within `SEND_TIMEOUT_MS`, and readiness by EHLO.
 */
export function relayOutbound(config: Config, { connect, log, metrics, captureRelay, requestContext, connectionsPerRequest }: RelayOutboundParts): Outbound {
  const event = (level: 'info' | 'warn', msg: string) => log(serviceEvent(level, msg))
  const withTrace = (options: SmtpConnectionOptions): SmtpConnectionOptions =>
    config.smtp.trace
      ? { ...options, trace: smtpTraceLog(log, `${options.host}:${options.port}`) }
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

  const readiness = createReadiness({
    checks: { primary: ehloCheck(primaryOptions), ...(fallbackOptions ? { fallback: ehloCheck(fallbackOptions) } : {}) },
  })
  const mailer = createRelayMailer({
    primary,
    fallback,
    attempts: config.smtp.retryAttempts,
    deadlineMs: config.sendTimeoutMs,
    metrics,
    readiness,
    onFailover: (from) => event('warn', `${from} relay unreachable: sending through the ${from === 'primary' ? 'fallback' : 'primary'} relay`),
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
  return { mailer, readiness, verify }
}
