import { openSmtpConnection } from './connection.js'
import { checkEnvelope } from './envelope.js'
import { SmtpError } from './errors.js'
import type { Mailer, OutgoingMessage, SendOptions, SendResult, SmtpConnectionOptions } from './types.js'

/**
 * A `Mailer` that opens one connection per message and QUITs after it: the
 * simplest correct client (`createSmtpPool` reuses connections instead).
 * `close()` waits for in-flight sends; sends after it fail with `EABORTED`.
 *
 * @example
 * ```ts
 * const mailer = createSmtpClient({ host: 'smtp.example.com', port: 587, auth: { user, pass } })
 * const { queueId } = await mailer.send({ envelope: { from, to }, raw })
 * await mailer.close()
 * ```
 */
export function createSmtpClient(options: SmtpConnectionOptions): Mailer {
  const inFlight = new Set<Promise<unknown>>()
  let closed = false

  async function sendOnce(message: OutgoingMessage, sendOptions: SendOptions): Promise<SendResult> {
    // Refuse an unsafe envelope before even connecting.
    checkEnvelope(message)
    const conn = await openSmtpConnection(options, sendOptions.signal)
    try {
      return await conn.send(message, sendOptions)
    } finally {
      // quit() skips QUIT on a connection that is already closed.
      await conn.quit()
    }
  }

  return {
    send(message, sendOptions = {}) {
      if (closed) return Promise.reject(new SmtpError('EABORTED', 'SMTP client is closed'))
      const p = sendOnce(message, sendOptions)
      inFlight.add(p)
      const done = () => inFlight.delete(p)
      p.then(done, done)
      return p
    },
    async close() {
      closed = true
      await Promise.allSettled([...inFlight])
    },
  }
}
