import { serviceEvent, type Log } from '../http/log.js'
import { isSmtpError } from '../smtp/errors.js'
import { classifyFailure } from '../smtp/failure.js'
import type { Mailer } from '../smtp/types.js'

/**
 * Wraps a `Mailer` so each failed send is logged as a `warn` service event
 * with the client's own explanation (`SMTP relay 10.0.0.5:587 certificate
 * rejected: …`), its stable code and the problem it becomes. The HTTP answer
 * stays generic; this line is where an operator reads what to fix. Messages
 * of `SmtpError` quote relay replies and host names, never credentials.
 *
 * @example
 * ```ts
 * const mailer = logSendFailures(createRelayMailer({ primary }), writeLogLine)
 * ```
 */
export function logSendFailures(mailer: Mailer, log: Log): Mailer {
  return {
    async send(message, options) {
      try {
        return await mailer.send(message, options)
      } catch (err) {
        if (isSmtpError(err)) {
          log(
            serviceEvent('warn', `send failed: ${err.message}`, {
              error_code: err.code,
              problem: classifyFailure(err).outcome,
              ...(err.command !== undefined ? { smtp_command: err.command } : {}),
              ...(err.responseCode !== undefined ? { smtp_code: err.responseCode } : {}),
            }),
          )
        }
        throw err
      }
    },
    close: () => mailer.close(),
  }
}
