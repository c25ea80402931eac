import { defaultTransient } from './failure.js'

/** Stable machine-readable codes for every SMTP client failure. */
export type SmtpErrorCode =
  /** TCP connection could not be opened or was lost before the message was handed over. */
  | 'ECONNECT'
  /** A phase deadline passed (connect, greeting, command, data, final reply). */
  | 'ETIMEOUT'
  /** TLS handshake or certificate failure, or STARTTLS required but not offered/refused. */
  | 'ETLS'
  /** Authentication refused or impossible. */
  | 'EAUTH'
  /** The peer spoke something that is not SMTP, or broke the protocol. */
  | 'EPROTOCOL'
  /** Sender or every recipient refused, or an address is unsafe / needs SMTPUTF8 the relay lacks. */
  | 'EENVELOPE'
  /** Message larger than the relay's advertised SIZE, or refused as too large (552). */
  | 'ESIZE'
  /** The relay refused the message at DATA or at the final dot. */
  | 'EMESSAGE'
  /** The connection was lost after the final dot and before its reply: delivery unknown. */
  | 'EUNKNOWN_OUTCOME'
  /** The relay is busy (pool queue full or wait deadline passed). */
  | 'EBUSY'
  /** The operation was aborted through its signal (an `AbortSignal` or a `SendAbort`) or the client was closed. */
  | 'EABORTED'
  /** Direct delivery: the recipient domain publishes a null MX (RFC 7505), it accepts no mail. */
  | 'ENULLMX'
  /** Direct delivery: the recipient domain does not exist, or has no MX, A or AAAA record. */
  | 'ENODOMAIN'
  /** Direct delivery: the domain has MX records, but none of its MX hosts has an address. */
  | 'ENOROUTE'
  /** Direct delivery: a DNS lookup failed for now (time-out, server failure). */
  | 'EDNS'
  /** Direct delivery: at least one recipient domain could not take the message now; it was not queued. */
  | 'EDEFERRED'

/** The SMTP command whose reply caused the error. */
export type SmtpCommand =
  | 'CONNECT'
  | 'GREETING'
  | 'EHLO'
  | 'HELO'
  | 'STARTTLS'
  | 'AUTH'
  | 'MAIL'
  | 'RCPT'
  | 'DATA'
  /** Writing the message content, before its final dot left. */
  | 'CONTENT'
  /** The final dot was (or may have been) sent: waiting for the relay's verdict. */
  | 'MESSAGE'
  | 'RSET'
  | 'NOOP'
  | 'QUIT'

export interface SmtpErrorOptions {
  /** Reply code, e.g. 550. */
  responseCode?: number
  /** RFC 3463 enhanced status code, e.g. "5.1.1". */
  enhancedCode?: string
  command?: SmtpCommand
  /** Whole reply text as received (never contains credentials). */
  response?: string
  /** The recipient concerned, for RCPT failures. */
  recipient?: string
  /** Overrides the transient/permanent classification `defaultTransient` derives from the code, reply and cause. */
  transient?: boolean
  cause?: unknown
}

/**
 * The one error type the SMTP client throws.
 *
 * @example
 * ```ts
 * try { await client.send(msg) } catch (e) {
 *   if (e instanceof SmtpError && e.code === 'EUNKNOWN_OUTCOME') { ... }
 * }
 * ```
 */
export class SmtpError extends Error {
  override readonly name = 'SmtpError'
  readonly code: SmtpErrorCode
  readonly responseCode: number | undefined
  readonly enhancedCode: string | undefined
  readonly command: SmtpCommand | undefined
  readonly response: string | undefined
  readonly recipient: string | undefined
  /** True for 4xx replies and connection-level failures; false for 5xx and local refusals. */
  readonly transient: boolean

  constructor(code: SmtpErrorCode, message: string, options: SmtpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.responseCode = options.responseCode
    this.enhancedCode = options.enhancedCode
    this.command = options.command
    this.response = options.response
    this.recipient = options.recipient
    this.transient = options.transient ?? defaultTransient(code, options.responseCode, options.cause)
  }
}

/** Type guard usable across module copies. */
export const isSmtpError = (e: unknown): e is SmtpError => e instanceof SmtpError
