import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import { isLoopbackHost } from '../../config/loopback.js'
import { openOutbox, type CapturedMessage } from './capture-outbox.js'
import { newQueueId } from './capture-queue-id.js'

export type { CapturedMessage, CapturedEnvelope } from './capture-outbox.js'

export interface CaptureRelayOptions {
  /** Where `<queue-id>.eml` files go; created when missing. */
  outboxDir: string
  /** Loopback address to listen on. Default `127.0.0.1`. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  /** How long `close()` lets open SMTP sessions finish before cutting them. Default 5000 ms. */
  closeTimeoutMs?: number
  /** Called after each message is on disk. */
  onMessage?: (message: CapturedMessage) => void
  /** Called when a message could not be written (the client got `451`). */
  onError?: (error: unknown) => void
}

/** A running capture relay. */
export interface CaptureRelay {
  host: string
  port: number
  /** Absolute outbox path. */
  outboxDir: string
  /** Stops listening; resolves once every session ended. Idempotent. */
  close(): Promise<void>
}

/** Thrown when the relay is asked to listen anywhere but loopback. */
export class CaptureRelayError extends Error {
  override readonly name = 'CaptureRelayError'
  readonly code = 'ENOT_LOOPBACK'
}

/**
 * Starts the built-in capture relay (used when `SMTP_HOST` is unset): a real SMTP server
 * (`smtp-server`) on a loopback port that accepts every message without AUTH or
 * TLS, writes it to `OUTBOX_DIR/<queue-id>.eml`, and answers
 * `250 2.6.0 Ok: queued as <queue-id>` (smtp-server's enhanced code for an
 * accepted message).
 *
 * @example
 * ```ts
 * const relay = await startCaptureRelay({ outboxDir: './outbox' })
 * const mailer = createSmtpClient({ host: relay.host, port: relay.port, tls: 'none' })
 * ```
 */
export async function startCaptureRelay({
  outboxDir,
  host = '127.0.0.1',
  port = 0,
  closeTimeoutMs = 5000,
  onMessage,
  onError,
}: CaptureRelayOptions): Promise<CaptureRelay> {
  if (!isLoopbackHost(host)) throw new CaptureRelayError(`the capture relay listens on loopback only, not ${host}`)
  const outbox = await openOutbox(outboxDir)

  const server = new SMTPServer({
    name: 'localhost',
    banner: 'mailbridge capture relay',
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    // Loopback only and no credentials to protect: no STARTTLS (its built-in
    // certificate is a published test key) and no AUTH, so the client talks SMTP_TLS=none.
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideENHANCEDSTATUSCODES: false,
    closeTimeout: closeTimeoutMs,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const queueId = newQueueId()
      const { mailFrom, rcptTo } = session.envelope
      const envelope = { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) }
      outbox.write(queueId, envelope, stream).then(
        (message) => {
          callback(null, `Ok: queued as ${queueId}`)
          onMessage?.(message)
        },
        (e: unknown) => {
          stream.resume() // drain whatever is left so the reply can be sent
          onError?.(e)
          callback(Object.assign(new Error('Error: cannot write to the outbox'), { responseCode: 451, cause: e }))
        },
      )
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port

  let closing: Promise<void> | undefined
  return {
    host,
    port: boundPort,
    outboxDir: outbox.dir,
    close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  }
}
