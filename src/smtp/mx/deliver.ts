import { openSmtpConnection, type SmtpConnection } from '../connection.js'
import { SmtpError, isSmtpError } from '../errors.js'
import type { SocketFactory } from '../socket.js'
import type { SmtpTrace } from '../trace.js'
import type { AbortSource, OutgoingMessage, SmtpConnectionOptions, SmtpTimeouts } from '../types.js'
import type { MxResolver } from './resolver.js'
import { mxDeliveryStatus, nextMxHostMayTry } from '../failure.js'
import { findRoute } from './route.js'
import type { DeliveryStatus, DomainDelivery } from './types.js'

/** TLS towards MX hosts (see `MX_TLS`): opportunistic and unchecked, required, or required and verified. */
export type MxTlsPolicy = 'may' | 'require' | 'verify'

/** What delivering to one domain needs. */
export interface DomainDeliveryOptions {
  resolver: MxResolver
  /** Default 25. */
  port?: number
  /** Default `may`. */
  tls?: MxTlsPolicy
  ehloName?: string
  timeouts?: SmtpTimeouts
  /** Extra trusted CAs for `verify`. */
  ca?: string | string[]
  connect?: SocketFactory
  /** Receives the SMTP lines of each connection (`SMTP_TRACE`), told which host it is. */
  trace?: ((host: { exchange: string; address: string; port: number }) => SmtpTrace) | undefined
  /** Most addresses tried before giving up; RFC 5321 §5.1 asks for at least two. Default 5. */
  maxAddresses?: number
  /** Shuffles MX hosts of equal preference. Default `Math.random`. */
  random?: () => number
  /** Also deliver to non-public addresses (`MX_ALLOW_PRIVATE`; see `findRoute`). Default false. */
  allowPrivateAddresses?: boolean
  /** Connection factory (tests). Default `openSmtpConnection`. */
  openConnection?: (options: SmtpConnectionOptions, signal?: AbortSource) => Promise<Pick<SmtpConnection, 'send' | 'quit'>>
  signal?: AbortSource | undefined
}

/** One address tried, and how it failed. */
interface Attempt {
  exchange: string
  address: string
  error: unknown
}

const firstLine = (text: string) => text.split('\n')[0]!.trim()

/** What a failure was, naming the host: its reply when it answered. */
function describeFailure(err: unknown, exchange: string | null): string {
  if (!isSmtpError(err)) return err instanceof Error ? err.message : String(err)
  if (exchange === null) return err.message
  if (err.response !== undefined) return `${exchange} answered ${err.command ?? 'the connection'} with ${firstLine(err.response)}`
  return `${exchange}: ${err.message}`
}

/**
 * Delivers `message` to the `recipients` of one `domain`, straight to its
 * MX hosts: the route ({@link findRoute}), then each address in order until
 * one takes the message or refuses it for good, at most `maxAddresses`. A
 * host that cannot be reached, refuses the session or closes it before the
 * content leaves passes the message on to the next. With `may`, STARTTLS is
 * used when offered, its certificate unchecked, and a failed handshake is
 * followed by a clear-text attempt on the same address. Never throws: the
 * outcome says what happened.
 */
export async function deliverToDomain(domain: string, recipients: string[], message: OutgoingMessage, options: DomainDeliveryOptions): Promise<DomainDelivery> {
  const { resolver, random, maxAddresses = 5, signal, allowPrivateAddresses = false } = options
  let route
  try {
    route = await findRoute(domain, resolver, { ...(random ? { random } : {}), allowPrivateAddresses })
  } catch (err) {
    return failure(domain, recipients, null, err, describeFailure(err, null))
  }
  const candidates = route.hosts.flatMap((h) => h.addresses.map((address) => ({ exchange: h.exchange, address }))).slice(0, maxAddresses)
  const attempts: Attempt[] = []
  for (const { exchange, address } of candidates) {
    if (signal?.aborted) break
    let conn: Pick<SmtpConnection, 'send' | 'quit'>
    try {
      conn = await connect(exchange, address, options)
    } catch (err) {
      attempts.push({ exchange, address, error: err })
      if (nextMxHostMayTry(err)) continue
      return failure(domain, recipients, exchange, err, describeFailure(err, exchange))
    }
    try {
      const result = await conn.send({ ...message, envelope: { from: message.envelope.from, to: recipients } }, signal ? { signal } : {})
      return { domain, status: 'delivered', mx: exchange, queueId: result.queueId, accepted: result.accepted, rejected: result.rejected, response: result.response }
    } catch (err) {
      attempts.push({ exchange, address, error: err })
      if (nextMxHostMayTry(err)) continue
      return failure(domain, recipients, exchange, err, describeFailure(err, exchange))
    } finally {
      void conn.quit()
    }
  }
  const last = attempts.at(-1)
  if (last === undefined) {
    const err = new SmtpError('EABORTED', `no MX host of ${domain} was tried before the send deadline`)
    return failure(domain, recipients, null, err, err.message)
  }
  const tried = attempts.map((a) => `${a.exchange} [${a.address}]: ${isSmtpError(a.error) && a.error.response !== undefined ? firstLine(a.error.response) : a.error instanceof Error ? a.error.message : String(a.error)}`)
  return failure(domain, recipients, last.exchange, last.error, `no MX host of ${domain} took the message (${tried.join('; ')})`)
}

/** Opens a session to one MX address under the TLS policy; with `may`, in clear text after a failed TLS handshake. */
async function connect(exchange: string, address: string, options: DomainDeliveryOptions): Promise<Pick<SmtpConnection, 'send' | 'quit'>> {
  const { port = 25, tls = 'may', ehloName, timeouts, ca, trace, signal, openConnection = openSmtpConnection } = options
  const base: SmtpConnectionOptions = {
    host: address,
    port,
    servername: exchange,
    rejectUnauthorized: tls === 'verify',
    ...(ehloName !== undefined ? { ehloName } : {}),
    ...(timeouts !== undefined ? { timeouts } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(options.connect !== undefined ? { connect: options.connect } : {}),
    ...(trace !== undefined ? { trace: trace({ exchange, address, port }) } : {}),
  }
  try {
    return await openConnection({ ...base, tls: tls === 'may' ? 'opportunistic' : 'starttls' }, signal)
  } catch (err) {
    if (tls !== 'may' || !isSmtpError(err) || err.code !== 'ETLS' || signal?.aborted) throw err
    return openConnection({ ...base, tls: 'none' }, signal)
  }
}

/** A domain not delivered: every recipient listed as refused, with the reply (or the code the failure stands for). */
function failure(domain: string, recipients: string[], mx: string | null, err: unknown, detail: string): DomainDelivery {
  const status = mxDeliveryStatus(err)
  const e = isSmtpError(err) ? err : new SmtpError('ECONNECT', detail, { cause: err })
  const code = e.responseCode ?? (status === 'rejected' ? 550 : 451)
  const rejected = recipients.map((email) => ({ email, code, enhanced_code: e.enhancedCode ?? null, message: detail }))
  return { domain, status, mx, queueId: null, accepted: [], rejected, response: e.response ?? null, detail, error: e }
}
