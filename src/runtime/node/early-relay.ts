/**
 * The relay's TCP connection, opened by `npm start` before the bulk of
 * mailbridge is loaded: connecting and waiting for the relay's greeting
 * (smtp-server holds it back 100 ms, Postfix's postscreen longer) overlap the
 * loading instead of following it. The pool's first connection takes it over;
 * nothing else changes. Imports nothing but `node:net`, so it runs first.
 */
import { connect, type Socket } from 'node:net'

/** An early connection not taken over within this long is closed. */
const UNUSED_MS = 10_000

/** A TCP connection to the relay opened at process start, waiting for the pool's first connection. */
export interface EarlyRelayConnection {
  /**
   * The socket (connected, or still connecting), once, when it goes to
   * `host:port` and has not failed; undefined otherwise (then connect as usual).
   * Received bytes wait in the socket, unread.
   */
  take(host: string, port: number): Socket | undefined
}

/** The value of a variable as the configuration reads it: trimmed, empty = unset. */
function variable(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name]?.trim()
  return v === '' ? undefined : v
}

/**
 * Where the relay is, read from the variables the way the configuration reads
 * them, when mail goes through a relay over plain TCP first (`SMTP_TLS`
 * `starttls` or `none`); undefined otherwise (capture relay, direct delivery,
 * implicit TLS, or a value the configuration will reject or rewrite). A wrong
 * guess costs nothing but the connection: {@link EarlyRelayConnection.take}
 * hands it over only for the very host and port the configuration names.
 */
export function earlyRelayAddress(env: Record<string, string | undefined>): { host: string; port: number } | undefined {
  const host = variable(env, 'SMTP_HOST')
  const tls = (variable(env, 'SMTP_TLS') ?? 'starttls').toLowerCase()
  const mode = (variable(env, 'DELIVERY_MODE') ?? 'relay').toLowerCase()
  if (host === undefined || mode !== 'relay' || (tls !== 'starttls' && tls !== 'none')) return undefined
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) return undefined
  const portText = variable(env, 'SMTP_PORT')
  const port = portText === undefined ? 587 : /^\d{1,5}$/.test(portText) ? Number(portText) : 0
  return port >= 1 && port <= 65_535 ? { host, port } : undefined
}

/**
 * Starts connecting to the relay the variables name (see
 * {@link earlyRelayAddress}); undefined when there is none to connect to.
 * The socket does not keep the process alive and is closed after 10 s if
 * the pool never takes it.
 *
 * @example
 * ```ts
 * const early = connectRelayEarly(process.env)
 * const { runService } = await import('./service.js')
 * await runService(process.env, { earlyRelay: early })
 * ```
 */
export function connectRelayEarly(env: Record<string, string | undefined>): EarlyRelayConnection | undefined {
  const address = earlyRelayAddress(env)
  if (address === undefined) return undefined
  const socket = connect(address)
  let failed = false
  const fail = () => {
    failed = true
  }
  socket.once('error', fail)
  socket.unref()
  const timer = setTimeout(() => socket.destroy(), UNUSED_MS)
  timer.unref()
  let taken = false
  return {
    take(host, port) {
      if (taken || host !== address.host || port !== address.port) return undefined
      taken = true
      clearTimeout(timer)
      socket.off('error', fail)
      if (failed || socket.destroyed) {
        socket.destroy()
        return undefined
      }
      socket.ref()
      return socket
    },
  }
}
