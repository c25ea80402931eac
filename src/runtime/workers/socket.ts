import { connect, type Socket } from 'cloudflare:sockets'
import { SmtpError } from '../../smtp/errors.js'
import type { SmtpSocket, SocketConnectOptions, SocketFactory } from '../../smtp/socket.js'
import { BLOCKED_PORT, abortError, blockedPortError, closedError, connectError, connectTimeout, tlsUpgradeError } from './socket-errors.js'

const encoder = new TextEncoder()

/**
 * `SmtpSocket` on `connect()` from `cloudflare:sockets`: clear text (opened
 * with `secureTransport: 'starttls'`, so it can be upgraded), implicit TLS
 * (`'on'`), and the STARTTLS upgrade with `startTls()`.
 *
 * What Workers sockets do that Node's don't, and how it is met here:
 * - port 25 is blocked in production (not by local workerd): refused here,
 *   before connecting, so tests see what production would do;
 * - after STARTTLS, `close()` of the upgraded socket may never resolve and
 *   leaves the TCP connection open until the request ends: the original
 *   socket is closed too, and neither is awaited;
 * - `closed` rejects when the peer closed first: the rejection is caught;
 * - a failed TLS upgrade surfaces only on the first read or write after
 *   `startTls()`, as an opaque internal error: reported as `ETLS` naming the
 *   likely cause;
 * - a refused connection is an opaque "proxy request failed": reported as
 *   `ECONNECT` naming the likely causes.
 * The CA bundle and `rejectUnauthorized` cannot apply: Workers check relay
 * certificates against the public CAs (workerd: its network service's).
 *
 * @example
 * ```ts
 * const socket = await createWorkersSocket({ host: 'smtp.example.com', port: 587, timeoutMs: 10_000 })
 * ```
 */
export const createWorkersSocket: SocketFactory = async ({ host, port, implicitTls = false, timeoutMs = 10_000, signal }) => {
  if (port === BLOCKED_PORT) throw blockedPortError(host)
  if (signal?.aborted) throw abortError(signal)
  let socket: Socket
  try {
    socket = connect({ hostname: host, port }, { secureTransport: implicitTls ? 'on' : 'starttls', allowHalfOpen: false })
  } catch (err) {
    throw connectError(err, host, port, implicitTls)
  }
  ignoreRejection(socket.closed)
  try {
    await bounded(socket.opened, timeoutMs, signal, () => connectTimeout(host, port, timeoutMs))
  } catch (err) {
    ignoreRejection(socket.close())
    throw err instanceof SmtpError ? err : connectError(err, host, port, implicitTls)
  }
  return new WorkersSmtpSocket(socket, implicitTls, host)
}

class WorkersSmtpSocket implements SmtpSocket {
  /** The socket as opened, before any upgrade. */
  readonly #plain: Socket
  #socket: Socket
  #reader: ReadableStreamDefaultReader<Uint8Array>
  #writer: WritableStreamDefaultWriter<Uint8Array>
  #secure: boolean
  /** Upgraded, but nothing read yet: a failure now is the handshake's. */
  #upgrading = false
  #closed = false
  #waiter: ((chunk: Uint8Array | null) => void) | null = null
  readonly #host: string

  constructor(socket: Socket, secure: boolean, host: string) {
    this.#plain = socket
    this.#socket = socket
    this.#secure = secure
    this.#host = host
    this.#reader = socket.readable.getReader()
    this.#writer = socket.writable.getWriter()
  }

  get secure(): boolean {
    return this.#secure
  }

  read(): Promise<Uint8Array | null> {
    if (this.#closed) return Promise.resolve(null)
    if (this.#waiter !== null) return Promise.reject(new Error('SmtpSocket: only one read may be pending'))
    return new Promise((resolve, reject) => {
      const waiter = (chunk: Uint8Array | null) => resolve(chunk)
      this.#waiter = waiter
      const settle = (): boolean => {
        if (this.#waiter !== waiter) return false // closed meanwhile: already resolved with null
        this.#waiter = null
        return true
      }
      this.#reader.read().then(
        ({ value, done }) => {
          if (!settle()) return
          if (done) {
            const upgrading = this.#upgrading
            this.close()
            if (upgrading) reject(tlsUpgradeError(undefined, this.#host))
            else resolve(null)
            return
          }
          this.#upgrading = false
          resolve(value)
        },
        (err: unknown) => {
          if (!settle()) return
          const upgrading = this.#upgrading
          this.close()
          if (upgrading) reject(tlsUpgradeError(err, this.#host))
          else resolve(null) // reset or lost: end of stream, which the session reports
        },
      )
    })
  }

  async write(data: Uint8Array | string): Promise<void> {
    if (this.#closed) throw closedError()
    try {
      await this.#writer.write(typeof data === 'string' ? encoder.encode(data) : data)
    } catch (err) {
      const upgrading = this.#upgrading
      this.close()
      throw upgrading ? tlsUpgradeError(err, this.#host) : closedError(err)
    }
  }

  async startTls(): Promise<void> {
    if (this.#closed) throw closedError()
    if (this.#secure) throw new SmtpError('ETLS', 'connection is already secure', { command: 'STARTTLS' })
    // No read is pending (replies are read on demand), so the locks can go;
    // anything the relay sent before the handshake stays in the old stream, unread.
    this.#reader.releaseLock()
    this.#writer.releaseLock()
    let upgraded: Socket
    try {
      upgraded = this.#socket.startTls()
    } catch (err) {
      this.close()
      throw tlsUpgradeError(err, this.#host)
    }
    ignoreRejection(upgraded.closed)
    this.#socket = upgraded
    this.#reader = upgraded.readable.getReader()
    this.#writer = upgraded.writable.getWriter()
    this.#secure = true
    this.#upgrading = true
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    const waiter = this.#waiter
    this.#waiter = null
    waiter?.(null)
    // Not awaited: after STARTTLS it may never resolve.
    ignoreRejection(this.#socket.close())
    if (this.#plain !== this.#socket) ignoreRejection(this.#plain.close())
  }
}

/** Waits for `promise`, failing with `timeout()` after `ms` or with EABORTED when `signal` aborts. */
async function bounded<T>(promise: Promise<T>, ms: number, signal: SocketConnectOptions['signal'], timeout: () => SmtpError): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeout()), ms)
        onAbort = () => reject(abortError(signal!))
        signal?.addEventListener('abort', onAbort, { once: true })
      }),
    ])
  } finally {
    clearTimeout(timer)
    if (onAbort) signal?.removeEventListener('abort', onAbort)
  }
}

function ignoreRejection(promise: Promise<unknown>): void {
  promise.catch(() => undefined)
}
