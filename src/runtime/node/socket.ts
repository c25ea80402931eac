import { isIP, connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect, createSecureContext, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls'
import { SmtpError } from '../../smtp/errors.js'
import { isCertificateCode } from '../../smtp/failure.js'
import type { SmtpSocket, SocketConnectOptions, SocketFactory } from '../../smtp/socket.js'
import type { EarlyRelayConnection } from './early-relay.js'
import { nodeExtraCaCerts } from './node-extra-ca-certs.js'

/** Stop reading from the kernel when this many unread bytes are queued. */
const HIGH_WATER = 1 << 20

/**
 * `SmtpSocket` on `node:net` / `node:tls`: plain TCP, implicit TLS, and the
 * STARTTLS upgrade of the open socket.
 *
 * @example
 * ```ts
 * const socket = await createNodeSocket({ host: 'smtp.example.com', port: 587, timeoutMs: 10_000 })
 * ```
 */
export const createNodeSocket: SocketFactory = (options) => openNodeSocket(options, undefined)

/**
 * {@link createNodeSocket} that starts the first plain-TCP connection to the
 * early connection's host and port from that connection (opened by `npm start`
 * while the modules loaded) instead of a new one.
 */
export function nodeSocketFactory(early: EarlyRelayConnection | undefined): SocketFactory {
  return early === undefined ? createNodeSocket : (options) => openNodeSocket(options, early)
}

async function openNodeSocket(options: SocketConnectOptions, early: EarlyRelayConnection | undefined): Promise<SmtpSocket> {
  const { host, port, implicitTls = false, timeoutMs = 10_000, signal } = options
  if (signal?.aborted) throw abortError(signal)
  const socket = await withDeadline(timeoutMs, signal, 'CONNECT', (settle) => {
    const taken = implicitTls ? undefined : early?.take(host, port)
    const s: Socket = taken ?? (implicitTls ? tlsConnect({ ...tlsOptions(options), host, port }) : netConnect({ host, port }))
    if (taken !== undefined && !taken.connecting) settle(null, s)
    else s.once(implicitTls ? 'secureConnect' : 'connect', () => settle(null, s))
    s.once('error', (err) => settle(connectError(err, implicitTls, host, port), s))
    return s
  })
  return new NodeSmtpSocket(socket, implicitTls, options)
}

/** Secure contexts trusting the default roots plus an extra bundle, built once per bundle. */
const extraTrust = new Map<string, SecureContext>()

/**
 * A context that trusts Node's default roots and the extra CA certificates.
 * Node's own `ca` option replaces the default roots, which would break a
 * relay (or the fallback, which shares the bundle) with a public certificate.
 */
function secureContextWithExtraCa(ca: string | string[]): SecureContext {
  const extra = typeof ca === 'string' ? [ca] : ca
  const key = extra.join('\n')
  let context = extraTrust.get(key)
  if (context === undefined) {
    if (extraTrust.size >= 8) extraTrust.clear() // a handful of bundles at most in practice
    context = defaultTrustPlus(extra)
    extraTrust.set(key, context)
  }
  return context
}

/**
 * Node's default trust (its roots, and `NODE_EXTRA_CA_CERTS`) plus `extra`,
 * added to a default context: ~1 ms, where passing the ~140 roots as `ca`
 * parses each PEM text again (~18 ms, on the path of the first send).
 * Node, Bun and Deno all give a context's native side `addCACert`.
 * The first certificate added gives the context a store of its own, a fresh
 * copy of the root certificates without `NODE_EXTRA_CA_CERTS` (Node 20):
 * those are added again, before `extra`.
 */
function defaultTrustPlus(extra: string[]): SecureContext {
  const context = createSecureContext()
  const native = (context as unknown as { context: { addCACert(pem: string): void } }).context
  for (const pem of [...nodeExtraCaCerts(), ...extra]) native.addCACert(pem)
  return context
}

/** TLS options shared by implicit TLS and STARTTLS. */
function tlsOptions({ host, servername, ca, rejectUnauthorized = true }: SocketConnectOptions): ConnectionOptions {
  const name = servername ?? host
  return {
    // SNI must not be an IP literal (RFC 6066 §3); the certificate is still checked against it.
    ...(isIP(name) === 0 ? { servername: name } : {}),
    ...(ca !== undefined ? { secureContext: secureContextWithExtraCa(ca) } : {}),
    // With a wrapped socket (STARTTLS) Node checks the certificate against `host`.
    host,
    rejectUnauthorized,
  }
}

class NodeSmtpSocket implements SmtpSocket {
  #socket: Socket
  #secure: boolean
  #closed = false
  #queue: Uint8Array[] = []
  #queued = 0
  #waiter: ((chunk: Uint8Array | null) => void) | null = null
  readonly #options: SocketConnectOptions

  constructor(socket: Socket, secure: boolean, options: SocketConnectOptions) {
    this.#socket = socket
    this.#secure = secure
    this.#options = options
    socket.setNoDelay(true)
    this.#attach(socket)
  }

  get secure(): boolean {
    return this.#secure
  }

  #attach(socket: Socket): void {
    socket.on('data', this.#onData)
    socket.on('end', this.#onEnd)
    socket.on('close', this.#onEnd)
    socket.on('error', this.#onError)
  }

  #detach(socket: Socket): void {
    socket.off('data', this.#onData)
    socket.off('end', this.#onEnd)
    socket.off('close', this.#onEnd)
    socket.off('error', this.#onError)
  }

  readonly #onData = (chunk: Buffer): void => {
    const waiter = this.#waiter
    if (waiter !== null) {
      this.#waiter = null
      waiter(chunk)
      return
    }
    this.#queue.push(chunk)
    this.#queued += chunk.length
    if (this.#queued > HIGH_WATER) this.#socket.pause()
  }

  readonly #onEnd = (): void => {
    this.close()
  }

  readonly #onError = (): void => {
    // Reported to the reader as end of stream; the session turns it into an SmtpError.
    this.close()
  }

  read(): Promise<Uint8Array | null> {
    const chunk = this.#queue.shift()
    if (chunk !== undefined) {
      this.#queued -= chunk.length
      if (this.#queued <= HIGH_WATER && this.#socket.isPaused()) this.#socket.resume()
      return Promise.resolve(chunk)
    }
    if (this.#closed) return Promise.resolve(null)
    if (this.#waiter !== null) return Promise.reject(new Error('SmtpSocket: only one read may be pending'))
    return new Promise((resolve) => {
      this.#waiter = resolve
    })
  }

  write(data: Uint8Array | string): Promise<void> {
    if (this.#closed) return Promise.reject(closedError())
    return new Promise((resolve, reject) => {
      this.#socket.write(data, (err) => (err ? reject(closedError(err)) : resolve()))
    })
  }

  async startTls(): Promise<void> {
    if (this.#closed) throw closedError()
    if (this.#secure) throw new SmtpError('ETLS', 'connection is already secure', { command: 'STARTTLS' })
    const raw = this.#socket
    this.#detach(raw)
    // Bytes that arrived before the handshake were not protected: drop them (CVE-2021-33515 class).
    this.#queue = []
    this.#queued = 0
    const { timeoutMs = 10_000, signal, host } = this.#options
    const secured = await withDeadline<TLSSocket>(timeoutMs, signal, 'STARTTLS', (settle) => {
      const s = tlsConnect({ ...tlsOptions(this.#options), socket: raw })
      s.once('secureConnect', () => settle(null, s))
      s.once('error', (err) => settle(tlsError(err, host, 'STARTTLS'), s))
      raw.once('close', () => settle(new SmtpError('ETLS', 'connection closed during the TLS handshake', { command: 'STARTTLS' }), s))
      return s
    }).catch((err: unknown) => {
      this.#closed = true
      raw.destroy()
      this.#wake()
      throw err
    })
    this.#socket = secured
    this.#secure = true
    secured.setNoDelay(true)
    this.#attach(secured)
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#queue = []
    this.#queued = 0
    this.#socket.destroy()
    this.#wake()
  }

  #wake(): void {
    const waiter = this.#waiter
    if (waiter !== null) {
      this.#waiter = null
      waiter(null)
    }
  }
}

/**
 * Runs `start` and waits for it to call `settle`, failing with ETIMEOUT after
 * `ms` or EABORTED when `signal` aborts; on failure the socket is destroyed.
 */
function withDeadline<T extends Socket>(
  ms: number,
  signal: SocketConnectOptions['signal'],
  phase: 'CONNECT' | 'STARTTLS',
  start: (settle: (err: Error | null, s: T) => void) => T,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false
    let sock: T | undefined
    const finish = (err: Error | null, s: T): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (err !== null) {
        s.destroy()
        reject(err)
      } else resolve(s)
    }
    const onAbort = (): void => {
      if (sock) finish(abortError(signal!), sock)
    }
    const timer = setTimeout(() => {
      if (sock) {
        finish(
          new SmtpError('ETIMEOUT', `${phase === 'CONNECT' ? 'connecting to' : 'TLS handshake with'} the SMTP relay timed out after ${ms} ms`, {
            command: phase,
          }),
          sock,
        )
      }
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
    sock = start(finish)
  })
}

function connectError(err: Error & { code?: string }, tls: boolean, host: string, port: number): SmtpError {
  if (tls && isTlsFailure(err)) return tlsError(err, host, 'CONNECT')
  return new SmtpError('ECONNECT', `cannot connect to SMTP relay ${host}:${port}: ${err.code ?? err.message}`, {
    command: 'CONNECT',
    cause: err,
  })
}

function isTlsFailure(err: Error & { code?: string }): boolean {
  return (err.code !== undefined && (isCertificateCode(err.code) || err.code.startsWith('ERR_SSL') || err.code.startsWith('ERR_TLS'))) ||
    /certificate|handshake|SSL|TLS/i.test(err.message)
}

function tlsError(err: Error & { code?: string }, host: string, command: 'CONNECT' | 'STARTTLS'): SmtpError {
  const cert = err.code !== undefined && isCertificateCode(err.code)
  return new SmtpError('ETLS', `${cert ? 'certificate of' : 'TLS handshake with'} SMTP relay ${host} rejected: ${err.code ?? err.message}`, {
    command,
    cause: err,
  })
}

function closedError(cause?: unknown): SmtpError {
  return new SmtpError('ECONNECT', 'connection to the SMTP relay was closed', { cause })
}

function abortError(signal: { readonly reason: unknown }): SmtpError {
  return new SmtpError('EABORTED', 'SMTP operation aborted', { cause: signal.reason })
}
