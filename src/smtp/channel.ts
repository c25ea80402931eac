import type { SmtpSocket } from './socket.js'
import { SmtpError, isSmtpError, type SmtpCommand } from './errors.js'
import { ReplyParser, type SmtpReply } from './reply.js'
import type { AbortSource } from './types.js'

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
  /**
   * One timer per channel, not one per write and reply: an operation only sets
   * `#due`; the timer, when it fires early, re-arms itself for what is left.
   */
  #timer: ReturnType<typeof setTimeout> | undefined
  /** `performance.now()` at which the timer fires; 0 when it is not running. */
  #timerAt = 0
  /** `performance.now()` deadline of the operation under way; 0 when none is. */
  #due = 0
  /** The timeout of the operation under way, named in its error. */
  #timeoutMs = 0
  /** The signal of the operation under way. */
  #signal: AbortSource | undefined
  /**
   * The signal `#onAbort` listens to. It stays attached between operations
   * (one listener per transaction, not one per write and reply) and is moved
   * when an operation brings another signal; an abort counts only while an
   * operation with that signal is under way.
   */
  #listening: AbortSource | undefined
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
  async write(data: Uint8Array | string, command: SmtpCommand, timeoutMs: number, signal?: AbortSource): Promise<void> {
    if (this.#closed) throw this.#lost(command)
    this.#arm(command, timeoutMs, signal)
    try {
      await this.#socket.write(data)
    } catch (err) {
      this.close()
      throw this.#failure ?? (isSmtpError(err) ? withCommand(err, command) : this.#lost(command, err))
    } finally {
      this.#disarm()
    }
  }

  /** The next reply; fails with ETIMEOUT, EABORTED, EPROTOCOL or ECONNECT (connection lost). */
  async reply(command: SmtpCommand, timeoutMs: number, signal?: AbortSource): Promise<SmtpReply> {
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
  async command(line: string, command: SmtpCommand, timeoutMs: number, signal?: AbortSource): Promise<SmtpReply> {
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
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#timerAt = 0
    this.#listening?.removeEventListener('abort', this.#onAbort)
    this.#listening = undefined
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

  #arm(command: SmtpCommand, timeoutMs: number, signal: AbortSource | undefined): void {
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#abort(signal) // before anything of `command` was written: not named
        throw this.#failure!
      }
      if (signal !== this.#listening) {
        this.#listening?.removeEventListener('abort', this.#onAbort)
        signal.addEventListener('abort', this.#onAbort)
        this.#listening = signal
      }
    }
    this.#signal = signal
    this.#command = command
    this.#timeoutMs = timeoutMs
    const now = performance.now()
    const due = now + timeoutMs
    this.#due = due
    // A running timer that fires no later than `due` is kept: #onTimer re-arms it.
    if (this.#timerAt === 0 || this.#timerAt > due) {
      clearTimeout(this.#timer)
      this.#timer = setTimeout(this.#onTimer, timeoutMs)
      this.#timerAt = due
    }
  }

  #disarm(): void {
    this.#due = 0
    this.#command = undefined
    this.#signal = undefined
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined
    this.#timerAt = 0
    if (this.#due === 0 || this.#closed) return // no operation under way: the next one starts the timer
    const left = this.#due - performance.now()
    if (left > 0) {
      this.#timer = setTimeout(this.#onTimer, Math.ceil(left))
      this.#timerAt = this.#due
      return
    }
    const command = this.#command!
    this.#failure ??= new SmtpError('ETIMEOUT', `SMTP relay did not answer ${command} within ${this.#timeoutMs} ms`, { command })
    this.close()
  }

  readonly #onAbort = (): void => {
    if (this.#signal !== undefined && this.#signal === this.#listening) this.#abort(this.#signal)
  }

  #abort(signal: AbortSource): void {
    this.#failure ??= new SmtpError('EABORTED', 'SMTP operation aborted', {
      cause: signal.reason,
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
