import { defaultSocketFactory } from './socket.js'
import type { Capabilities } from './capabilities.js'
import { SmtpChannel } from './channel.js'
import { encodeData } from './data.js'
import { encodeChunks } from './data-stream.js'
import { checkEhloName, checkEnvelope } from './envelope.js'
import { SmtpError, isSmtpError } from './errors.js'
import { handshake } from './handshake.js'
import { checkCredentials } from './sasl.js'
import type { SmtpReply } from './reply.js'
import { traceSocket } from './trace.js'
import { runTransaction } from './transaction.js'
import type { AbortSource, OutgoingMessage, SendOptions, SendResult, SmtpConnectionOptions } from './types.js'

/** Default per-phase deadlines (ms). */
export const DEFAULT_TIMEOUTS = { connect: 10_000, command: 30_000, data: 60_000 } as const

/** An open, greeted, (TLS-upgraded, authenticated) SMTP session. One operation at a time. */
export interface SmtpConnection {
  readonly capabilities: Capabilities
  readonly secure: boolean
  /** false after any connection-level error, timeout, or unknown outcome: must not be reused. */
  readonly usable: boolean
  /**
   * MAIL, RCPT…, DATA and the content. A transaction refused before the content
   * is RSET so the connection stays usable.
   */
  send(message: OutgoingMessage, options?: SendOptions): Promise<SendResult>
  /** RSET. */
  reset(): Promise<void>
  /** NOOP (a liveness check). */
  noop(): Promise<void>
  /**
   * Whether the relay would open a transaction now, without opening one:
   * `MAIL FROM:<>`, then RSET whatever the answer. Resolves with the reply to
   * MAIL (a 530 means the relay wants AUTH).
   */
  probeSender(signal?: AbortSource): Promise<SmtpReply>
  /** QUIT, then close. Never throws. */
  quit(): Promise<void>
  /** Closes at once. */
  close(): void
}

/**
 * Connects to the relay and runs the greeting, EHLO (HELO fallback unless TLS
 * is required), STARTTLS with a second EHLO, and AUTH. Unsafe EHLO names and
 * credentials are refused before connecting.
 *
 * @example
 * ```ts
 * const conn = await openSmtpConnection({ host: '127.0.0.1', port: 587, auth: { user, pass } })
 * const result = await conn.send({ envelope: { from, to: [rcpt] }, raw })
 * await conn.quit()
 * ```
 */
export async function openSmtpConnection(options: SmtpConnectionOptions, signal?: AbortSource): Promise<SmtpConnection> {
  const {
    host,
    port,
    tls = 'starttls',
    auth,
    ehloName = 'localhost',
    timeouts = {},
    ca,
    rejectUnauthorized = true,
    servername,
    connect = defaultSocketFactory(),
    trace,
  } = options
  checkEhloName(ehloName)
  if (auth !== undefined) checkCredentials(auth)
  const connectMs = timeouts.connect ?? DEFAULT_TIMEOUTS.connect
  const commandMs = timeouts.command ?? DEFAULT_TIMEOUTS.command
  const dataMs = timeouts.data ?? DEFAULT_TIMEOUTS.data
  const contentMs = timeouts.content ?? commandMs
  const started = Date.now()
  const socket = await connect({
    host,
    port,
    implicitTls: tls === 'implicit',
    ...(ca !== undefined ? { ca } : {}),
    ...(servername !== undefined ? { servername } : {}),
    rejectUnauthorized,
    timeoutMs: connectMs,
    ...(signal !== undefined ? { signal } : {}),
  })
  const channel = new SmtpChannel(trace ? traceSocket(socket, trace) : socket)
  try {
    const capabilities = await handshake(channel, {
      tls,
      ehloName,
      auth,
      greetingTimeoutMs: timeouts.greeting ?? Math.max(1, connectMs - (Date.now() - started)),
      commandTimeoutMs: commandMs,
      signal,
    })
    return new Connection(channel, capabilities, { commandMs, contentMs, dataMs })
  } catch (err) {
    channel.close()
    throw err
  }
}

class Connection implements SmtpConnection {
  readonly capabilities: Capabilities
  readonly #channel: SmtpChannel
  readonly #commandMs: number
  readonly #contentMs: number
  readonly #dataMs: number
  #busy = false

  constructor(channel: SmtpChannel, capabilities: Capabilities, deadlines: { commandMs: number; contentMs: number; dataMs: number }) {
    this.#channel = channel
    this.capabilities = capabilities
    this.#commandMs = deadlines.commandMs
    this.#contentMs = deadlines.contentMs
    this.#dataMs = deadlines.dataMs
  }

  get secure(): boolean {
    return this.#channel.secure
  }

  /** Every failure that makes the session unusable closes the channel, so its state is the answer. */
  get usable(): boolean {
    return this.#channel.open
  }

  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    this.#enter()
    try {
      const { smtputf8 } = checkEnvelope(message)
      const { raw } = message
      const data = raw instanceof Uint8Array || typeof raw === 'string' ? encodeData(raw) : encodeChunks(raw)
      return await runTransaction(this.#channel, this.capabilities, message.envelope, data, {
        smtputf8,
        commandMs: this.#commandMs,
        contentMs: this.#contentMs,
        dataMs: this.#dataMs,
        signal: options.signal,
      })
    } finally {
      this.#busy = false
    }
  }

  async reset(): Promise<void> {
    await this.#simple('RSET')
  }

  async probeSender(signal?: AbortSource): Promise<SmtpReply> {
    this.#enter()
    try {
      const reply = await this.#channel.command('MAIL FROM:<>', 'MAIL', this.#commandMs, signal)
      if (reply.code === 421) this.#channel.close()
      else await this.#channel.command('RSET', 'RSET', this.#commandMs, signal)
      return reply
    } finally {
      this.#busy = false
    }
  }

  async noop(): Promise<void> {
    await this.#simple('NOOP')
  }

  async quit(): Promise<void> {
    if (this.#channel.open && !this.#busy) {
      this.#busy = true
      try {
        await this.#channel.command('QUIT', 'QUIT', Math.min(this.#commandMs, 5_000))
      } catch {
        // QUIT is a courtesy; the connection is closed either way.
      }
    }
    this.close()
  }

  close(): void {
    this.#channel.close()
  }

  async #simple(command: 'RSET' | 'NOOP'): Promise<void> {
    this.#enter()
    try {
      const reply = await this.#channel.command(command, command, this.#commandMs)
      if (reply.code !== 250) {
        throw new SmtpError('EPROTOCOL', `SMTP relay refused ${command}: ${reply.raw}`, {
          command,
          responseCode: reply.code,
          response: reply.raw,
        })
      }
    } catch (err) {
      this.#channel.close()
      throw isSmtpError(err) ? err : new SmtpError('EPROTOCOL', `${command} failed`, { command, cause: err })
    } finally {
      this.#busy = false
    }
  }

  #enter(): void {
    if (!this.#channel.open) {
      throw new SmtpError('ECONNECT', 'SMTP connection is closed')
    }
    if (this.#busy) throw new Error('SmtpConnection: one operation at a time')
    this.#busy = true
  }
}
