import type { SmtpSocket, SocketFactory } from './socket.js'
import type { DomainDelivery } from './mx/types.js'
import type { MessageChunks } from './data-stream.js'
import type { SmtpTrace } from './trace.js'

/**
 * `starttls`: upgrade required; `implicit`: TLS from the first byte; `none`:
 * clear text; `opportunistic`: STARTTLS when the server offers it, clear
 * text when it does not (for MX hosts, never for a relay with credentials).
 */
export type TlsMode = 'starttls' | 'implicit' | 'none' | 'opportunistic'

/** SASL mechanisms the client implements. */
export type AuthMethod = 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'XOAUTH2'

export interface SmtpAuth {
  user: string
  /** Password, or the OAuth2 access token for XOAUTH2. */
  pass: string
  /** Force a mechanism; default: the strongest the relay offers. */
  method?: AuthMethod
}

/** Per-phase deadlines in milliseconds. */
export interface SmtpTimeouts {
  /** TCP connect and implicit TLS handshake; also bounds the greeting unless `greeting` is set. Default 10 000. */
  connect?: number
  /** The `220` greeting, counted from the moment the connection is open. Default: what is left of `connect`. */
  greeting?: number
  /** Each command's reply. Default 30 000. */
  command?: number
  /** Writing the message content and final dot. Default: `command`. */
  content?: number
  /** The reply to the final dot (RFC 5321 §4.5.3.2.6 suggests 10 min; we default to 60 000). */
  data?: number
}

export interface SmtpConnectionOptions {
  host: string
  port: number
  tls?: TlsMode
  auth?: SmtpAuth
  /** Name sent in EHLO/HELO. */
  ehloName?: string
  timeouts?: SmtpTimeouts
  /** Extra trusted CA bundle (PEM). */
  ca?: string | string[]
  rejectUnauthorized?: boolean
  /** The name the certificate must be valid for (and SNI), when `host` is an address. Default `host`. */
  servername?: string
  /** Socket factory: the runtime's (on Node, `createNodeSocket`), or the one registered with `setDefaultSocketFactory`. */
  connect?: SocketFactory
  /** Receives each command and reply line, credentials and content left out (`SMTP_TRACE`). */
  trace?: SmtpTrace
}

/** The SMTP envelope: who the relay is told the message is from and to. */
export interface Envelope {
  from: string
  to: string[]
}

/** One message handed to the client. */
export interface OutgoingMessage {
  envelope: Envelope
  /**
   * The whole RFC 5322 message, or for a large one its pieces in order
   * (`MessageChunks`, e.g. the composer's `ChunkedMessage`). Line endings are
   * normalised to CRLF on the wire.
   */
  raw: Uint8Array | string | MessageChunks
  /** Set when an address or header needs SMTPUTF8 (RFC 6531). Derived from the envelope when omitted. */
  smtputf8?: boolean
}

export interface RecipientRejection {
  email: string
  code: number
  enhanced_code: string | null
  message: string
}

export interface SendResult {
  accepted: string[]
  rejected: RecipientRejection[]
  /** The whole final reply, e.g. "250 2.0.0 Ok: queued as 4XyZ12AbC". */
  response: string
  /** Queue id named by the final reply, or null. */
  queueId: string | null
  /** With direct delivery: how each recipient domain's MX hosts took the message. */
  deliveries?: DomainDelivery[]
}

export interface SendOptions {
  /** Aborts the send: an `AbortSignal`, or a `SendAbort` (what `withRetries` gives each attempt). */
  signal?: AbortSource
}

/**
 * What the SMTP client needs of an abort: its state and one-shot listeners.
 * An `AbortSignal` is one; `SendAbort` is a cheaper one.
 */
export interface AbortSource {
  readonly aborted: boolean
  readonly reason: unknown
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** What the HTTP layer needs: something that sends messages. The pool and the one-shot client both implement it. */
export interface Mailer {
  send(message: OutgoingMessage, options?: SendOptions): Promise<SendResult>
  /** QUIT open connections; in-flight sends finish first. */
  close(): Promise<void>
}

export type { SmtpSocket }
