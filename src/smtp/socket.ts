import { SmtpError } from './errors.js'
import type { AbortSource } from './types.js'

/**
 * The one runtime-specific seam of the SMTP client: a byte stream to the relay.
 *
 * `smtp/` speaks only to this interface and imports no socket: each runtime
 * (`src/runtime/<name>/`) implements it and passes its factory in, so tests can
 * script a server and other runtimes can plug in their own sockets.
 */
export interface SmtpSocket {
  /**
   * Resolves with the next chunk received, or `null` once the peer closed the
   * stream or the socket was closed locally. Only one read may be pending.
   */
  read(): Promise<Uint8Array | null>
  /**
   * Writes bytes (strings are sent as UTF-8); resolves once handed to the OS,
   * after which the socket holds no reference to `data`: a large message is
   * written window by window from one reused buffer (see `MessageChunks`).
   */
  write(data: Uint8Array | string): Promise<void>
  /**
   * Upgrades the open connection to TLS (RFC 3207). Any bytes received before
   * the handshake and not yet read are discarded.
   */
  startTls(): Promise<void>
  /** Closes the connection at once; a pending `read()` resolves `null`. Idempotent. */
  close(): void
  /** Whether the bytes now travel over TLS. */
  readonly secure: boolean
}

/** How to reach the relay. */
export interface SocketConnectOptions {
  host: string
  port: number
  /** TLS from the first byte (port 465 style). */
  implicitTls?: boolean
  /** SNI / certificate name; defaults to `host`. */
  servername?: string
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[]
  /** `false` only for test relays. */
  rejectUnauthorized?: boolean
  /** Covers TCP connect and, with implicit TLS, the handshake. */
  timeoutMs?: number
  signal?: AbortSource
}

/** Opens a connection; the runtime-specific factory the client is given. */
export type SocketFactory = (options: SocketConnectOptions) => Promise<SmtpSocket>

let registered: SocketFactory | undefined

/**
 * Makes `factory` the socket factory of every connection opened without a
 * `connect` option, for library users and tests that run on one runtime
 * (e.g. `setDefaultSocketFactory(createNodeSocket)` on Node). The service
 * itself always passes its runtime's factory explicitly.
 */
export function setDefaultSocketFactory(factory: SocketFactory | undefined): void {
  registered = factory
}

/** The factory for connections opened without a `connect` option: the registered one, or one that says none is. */
export function defaultSocketFactory(): SocketFactory {
  return registered ?? noSocketFactory
}

const noSocketFactory: SocketFactory = () =>
  Promise.reject(
    new SmtpError('ECONNECT', 'no socket factory for this runtime: pass `connect` (on Node, createNodeSocket) or call setDefaultSocketFactory', {
      command: 'CONNECT',
      transient: false,
    }),
  )
