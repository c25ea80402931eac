import type { SmtpSocket } from '../transport/socket.js'
import { SmtpError, isSmtpError, type SmtpCommand } from './errors.js'
import { ReplyParser, type SmtpReply } from './reply.js'

/**
 * The command/reply stream over one socket: writes with a deadline, reads
 * complete replies in order with a deadline. A deadline, an abort or a
 * protocol error closes the socket; after that every call fails.
 */
export class SmtpChannel {
  readonly #socket: SmtpSocket
  readonly #parser = new ReplyParser()
  /** Replies that arrived ahead of being asked for (pipelining). */
  #replies: SmtpReply[] = []
  #head = 0
  #closed = false
  /** Why the socket was closed by a deadline or an abort, reported instead of "connection lost". */
  #failure: SmtpError | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  #signal: AbortSignal | undefined
  /** The command whose write or reply is under way, named in an abort's error. */
  #command: SmtpCommand | undefined

  constructor(socket: SmtpSocket) {
    this.#socket = socket
  }

  get secure(): boolean {
    return this.#socket.secure
  }

  /** False once the socket was closed for any reason. */
  get open(): boolean {
    return !this.#closed
  }

  /** Writes bytes; fails with ETIMEOUT after `timeoutMs`, ECONNECT when the socket is gone. */
  async write(data: Uint8Array | string, command: SmtpCommand, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.#closed) throw this.#lost(command)
    this.#arm(command, timeoutMs, signal)
    try {
      await this.#socket.write(data)
    } catch (err) {
      this.close()
      throw this.#failure ?? (isSmtpError(err) ? err : this.#lost(command, err))
    } finally {
      this.#disarm()
    }
  }

  /** The next reply; fails with ETIMEOUT, EABORTED, EPROTOCOL or ECONNECT (connection lost). */
  async reply(command: SmtpCommand, timeoutMs: number, signal?: AbortSignal): Promise<SmtpReply> {
    if (this.#head < this.#replies.length) return this.#shift()
    if (this.#closed) throw this.#lost(command)
    this.#arm(command, timeoutMs, signal)
    try {
      for (;;) {
        const chunk = await this.#socket.read()
        if (chunk === null) throw this.#lost(command)
        const got = this.#parser.feed(chunk)
        if (got.length === 1) return got[0]!
        if (got.length > 1) {
          this.#replies = got
          this.#head = 0
          return this.#shift()
        }
      }
    } catch (err) {
      this.close()
      if (this.#failure !== null) throw this.#failure
      if (isSmtpError(err)) throw withCommand(err, command)
      throw this.#lost(command, err)
    } finally {
      this.#disarm()
    }
  }

  /** Writes a command line (CRLF appended) and reads its reply. */
  async command(line: string, command: SmtpCommand, timeoutMs: number, signal?: AbortSignal): Promise<SmtpReply> {
    await this.write(line + '\r\n', command, timeoutMs, signal)
    return this.reply(command, timeoutMs, signal)
  }

  /** Upgrades to TLS and discards everything received before the handshake. */
  async startTls(): Promise<void> {
    this.#replies = []
    this.#head = 0
    this.#parser.reset()
    try {
      await this.#socket.startTls()
    } catch (err) {
      this.close()
      throw isSmtpError(err) ? err : new SmtpError('ETLS', 'TLS upgrade failed', { command: 'STARTTLS', cause: err })
    }
  }

  /** Closes the socket at once. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#socket.close()
  }

  #shift(): SmtpReply {
    const reply = this.#replies[this.#head++]!
    if (this.#head === this.#replies.length) {
      this.#replies = []
      this.#head = 0
    }
    return reply
  }

  #arm(command: SmtpCommand, timeoutMs: number, signal: AbortSignal | undefined): void {
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#abort(signal) // before anything of `command` was written: not named
        throw this.#failure!
      }
      this.#signal = signal
      signal.addEventListener('abort', this.#onAbort)
    }
    this.#command = command
    this.#timer = setTimeout(() => {
      this.#failure ??= new SmtpError('ETIMEOUT', `SMTP relay did not answer ${command} within ${timeoutMs} ms`, { command })
      this.close()
    }, timeoutMs)
  }

  #disarm(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#command = undefined
    if (this.#signal !== undefined) {
      this.#signal.removeEventListener('abort', this.#onAbort)
      this.#signal = undefined
    }
  }

  readonly #onAbort = (): void => {
    if (this.#signal !== undefined) this.#abort(this.#signal)
  }

  #abort(signal: AbortSignal): void {
    this.#failure ??= new SmtpError('EABORTED', 'SMTP operation aborted', {
      cause: signal.reason,
      transient: false,
      ...(this.#command !== undefined ? { command: this.#command } : {}),
    })
    this.close()
  }

  #lost(command: SmtpCommand, cause?: unknown): SmtpError {
    return this.#failure ?? new SmtpError('ECONNECT', `connection to the SMTP relay was lost (waiting for ${command})`, { command, cause })
  }
}

function withCommand(err: SmtpError, command: SmtpCommand): SmtpError {
  if (err.command !== undefined) return err
  return new SmtpError(err.code, err.message, {
    command,
    transient: err.transient,
    cause: err,
    ...(err.response !== undefined ? { response: err.response } : {}),
  })
}

/** Builds the error for a reply that refused a command. */
export function replyError(
  code: SmtpError['code'],
  message: string,
  reply: SmtpReply,
  command: SmtpCommand,
  recipient?: string,
): SmtpError {
  return new SmtpError(code, `${message}: ${reply.raw}`, {
    responseCode: reply.code,
    ...(reply.enhancedCode !== null ? { enhancedCode: reply.enhancedCode } : {}),
    command,
    response: reply.raw,
    ...(recipient !== undefined ? { recipient } : {}),
  })
}
