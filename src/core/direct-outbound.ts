import type { Config } from '../config/load.js'
import { serviceEvent, type Log } from '../http/log.js'
import type { Metrics } from '../metrics/mailbridge.js'
import { createMxMailer } from '../smtp/mx/mailer.js'
import { failureKind, type MxResolver } from '../smtp/mx/resolver.js'
import { createReadiness } from '../smtp/probe.js'
import { withRetries } from '../smtp/retry.js'
import type { SocketFactory } from '../smtp/socket.js'
import type { Mailer } from '../smtp/types.js'
import type { Outbound } from './relay-outbound.js'
import { smtpTraceLog } from './smtp-trace-log.js'

/** What {@link directOutbound} needs besides the configuration. */
export interface DirectOutboundParts {
  connect: SocketFactory
  log: Log
  metrics: Metrics
  /** The runtime's DNS; without one, direct delivery cannot start. */
  resolver: MxResolver | undefined
}

/**
 * `DELIVERY_MODE=mx`: messages go straight to each recipient domain's MX
 * hosts ({@link createMxMailer}) within `SEND_TIMEOUT_MS`, nothing queued.
 * `/readyz` asks DNS for the MX records of the first signing domain (or of
 * `DEFAULT_FROM`'s): any answer, even "no such domain", means DNS works.
 *
 * @throws {Error} when the runtime gave no resolver
 */
export function directOutbound(config: Config, { connect, log, metrics, resolver }: DirectOutboundParts): Outbound {
  if (resolver === undefined) throw new Error('DELIVERY_MODE=mx needs a DNS resolver, which this runtime does not provide: use DELIVERY_MODE=relay')
  const { port, tls, concurrency, allowPrivateAddresses, dnsServers } = config.delivery
  const trace = config.smtp.trace
    ? ({ exchange, address, port: p }: { exchange: string; address: string; port: number }) => smtpTraceLog(log, `${exchange} [${address}]:${p}`)
    : undefined
  const mx = createMxMailer({
    resolver,
    port,
    tls,
    concurrency,
    allowPrivateAddresses,
    ehloName: config.smtp.ehloName,
    timeouts: config.smtp.timeouts,
    connect,
    ...(config.smtp.ca !== undefined ? { ca: config.smtp.ca } : {}),
    trace,
  })
  const dns = dnsServers ? `DNS ${dnsServers.join(', ')}` : "the system's DNS resolvers"
  log(
    serviceEvent('info', `delivering straight to the recipients' MX hosts (port ${port}, MX_TLS=${tls}, ${dns}); nothing is queued: a domain that cannot take a message now is answered 503`),
  )

  const probeDomain = config.dkim?.keys[0]?.domain ?? /@([^@\s>]+)>?\s*$/.exec(config.defaultFrom ?? '')?.[1] ?? 'example.com'
  const dnsAnswers = async (): Promise<void> => {
    try {
      await resolver.resolveMx(probeDomain)
    } catch (err) {
      if (failureKind(err) === 'temporary') throw err
    }
  }
  const readiness = createReadiness({ checks: { dns: dnsAnswers } })
  // One attempt: nothing is queued or retried, but SEND_TIMEOUT_MS cuts the send
  // (domains not done by then are deferred), with one timer for every send in flight.
  const mailer = metrics.countSends(withRetries(mx, { attempts: 1, deadlineMs: config.sendTimeoutMs }))
  return {
    mailer,
    readiness,
    async verify() {
      try {
        await dnsAnswers()
        log(serviceEvent('info', `DNS ok: ${dns} answered the MX lookup of ${probeDomain}`))
        return [{ ok: true }]
      } catch (err) {
        const reason = `${dns} did not answer the MX lookup of ${probeDomain}: ${err instanceof Error ? err.message : String(err)}`
        log(serviceEvent('warn', `direct delivery is not usable: ${reason}`))
        return [{ ok: false, reason }]
      }
    },
  }
}
