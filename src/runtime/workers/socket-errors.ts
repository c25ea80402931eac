import { SmtpError } from '../../smtp/errors.js'

/** The port production Workers never connect to (outbound SMTP on 25 is blocked). */
export const BLOCKED_PORT = 25

/** Why a socket failed, as the Workers runtime says it: usually opaque, so the messages below add what it cannot. */
const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Port 25: production Workers refuse it (local workerd does not), so the
 * socket refuses it everywhere and a test catches it before a deployment does.
 */
export function blockedPortError(host: string): SmtpError {
  return new SmtpError(
    'ECONNECT',
    `cannot connect to SMTP relay ${host}:${BLOCKED_PORT}: Cloudflare Workers block outbound port 25; use the relay's submission port (587 with STARTTLS, or 465 with implicit TLS)`,
    { command: 'CONNECT', transient: false },
  )
}

/**
 * `connect()` or `opened` failed. Workers report most of these as "proxy
 * request failed": a closed port, an unreachable or blocked address (private
 * and loopback addresses on production Workers), and with implicit TLS an
 * untrusted certificate too.
 */
export function connectError(err: unknown, host: string, port: number, implicitTls: boolean): SmtpError {
  const reason = reasonOf(err)
  const could = implicitTls
    ? 'the port may be closed, the address unreachable or not allowed, or the relay certificate not trusted (implicit TLS: Workers trust public CAs only)'
    : 'the port may be closed, or the address unreachable or not allowed (Workers refuse private and loopback addresses)'
  return new SmtpError('ECONNECT', `cannot connect to SMTP relay ${host}:${port}: ${reason}; ${could}`, { command: 'CONNECT', cause: err })
}

/**
 * After `startTls()`, Workers report a failed handshake only on the first read
 * (or write), as an opaque "internal error": name the likely causes.
 */
export function tlsUpgradeError(err: unknown, host: string): SmtpError {
  const reason = err === undefined ? 'the relay closed the connection' : reasonOf(err)
  return new SmtpError(
    'ETLS',
    `TLS handshake with SMTP relay ${host} failed after STARTTLS (${reason}): the relay certificate is probably not trusted (Workers trust public CAs only; local workerd trusts what its network service lists) or does not name ${host}`,
    { command: 'STARTTLS', transient: false, cause: err },
  )
}

/** A deadline passed while connecting or completing the TLS handshake. */
export function connectTimeout(host: string, port: number, ms: number): SmtpError {
  return new SmtpError('ETIMEOUT', `connecting to SMTP relay ${host}:${port} timed out after ${ms} ms`, { command: 'CONNECT' })
}

export function abortError(signal: { readonly reason: unknown }): SmtpError {
  return new SmtpError('EABORTED', 'SMTP operation aborted', { cause: signal.reason })
}

export function closedError(cause?: unknown): SmtpError {
  return new SmtpError('ECONNECT', 'connection to the SMTP relay was closed', { cause })
}
