import { DEFAULT_MAX_RECIPIENTS } from '../config/limits.js'
import { failure, joinPath, problem, validationFailure, type FieldError } from '../http/problem.js'
import type { SendHandler, SendOutcome } from '../http/send-handler.js'
import { addressCount, type SendRequest } from '../http/schemas.js'
import { smtpFailure } from '../http/smtp-problem.js'
import { MailValidationError, composeMessage, fromNameIssue, senderPolicy, type MailInput, type MailIssue } from '../mail/index.js'
import { isSmtpError } from '../smtp/errors.js'
import type { Mailer } from '../smtp/types.js'

/** Options for {@link createSendPipeline}. */
export interface SendPipelineOptions {
  /** Sends composed messages: the relay mailer, the SMTP pool, the one-shot client, or a fake. */
  mailer: Mailer
  /**
   * Addresses (`a@b.c`) or domains (`@b.c`) a `from` must match. Unset or
   * empty: any sender. When set, a `from` display name that holds an address
   * is refused too.
   */
  allowedSenders?: readonly string[] | undefined
  /** Sender used when a request has no `from`. */
  defaultFrom?: string | undefined
  /** Largest to + cc + bcc count per message. Default 50. */
  maxRecipients?: number | undefined
}

const toFieldErrors = (issues: MailIssue[]): FieldError[] =>
  issues.map((i) => ({ path: joinPath(i.path), message: i.message }))

function tooManyRecipients(req: SendRequest, max: number): FieldError | undefined {
  let total = 0
  for (const field of ['to', 'cc', 'bcc'] as const) {
    total += addressCount(req[field])
    if (total > max) {
      return { path: field, message: `Too many recipients: at most ${max} in to, cc and bcc together` }
    }
  }
  return undefined
}

/**
 * The send pipeline behind `POST /send` and each `/send/batch` item: recipient
 * limit, `DEFAULT_FROM`, deep validation (addresses, header safety, base64)
 * and composition, `ALLOWED_SENDERS` (the envelope sender, then the display
 * name), and the SMTP hand-over. The handler it
 * returns never throws: every failure becomes the problem `/send` answers.
 *
 * @example
 * ```ts
 * const send = createSendPipeline({ mailer, allowedSenders: ['@example.com'] })
 * const app = createApp({ send })
 * ```
 */
export function createSendPipeline({
  mailer,
  allowedSenders = [],
  defaultFrom,
  maxRecipients = DEFAULT_MAX_RECIPIENTS,
}: SendPipelineOptions): SendHandler {
  const senderAllowed = senderPolicy(allowedSenders)
  // With a policy, the display name must not claim a sender the policy never saw.
  const checkFromName = allowedSenders.some((entry) => entry.trim() !== '')

  return async function send(req: SendRequest): Promise<SendOutcome> {
    const over = tooManyRecipients(req, maxRecipients)
    if (over) return validationFailure([over])

    const from = req.from ?? defaultFrom
    if (from === undefined) {
      return validationFailure([{ path: 'from', message: 'from is required (no DEFAULT_FROM is configured)' }])
    }
    const input: MailInput = { ...req, from }

    try {
      // The composer runs every check first (addresses, header safety,
      // base64) and throws them all as one MailValidationError.
      const message = composeMessage(input)
      if (!senderAllowed(message.envelope.from)) {
        return failure(problem('sender_not_allowed', 'The from address is not an allowed sender.'))
      }
      const nameIssue = checkFromName ? fromNameIssue(from) : undefined
      if (nameIssue) return validationFailure(toFieldErrors([nameIssue]))
      const result = await mailer.send({ envelope: message.envelope, raw: message.raw, smtputf8: message.smtputf8 })
      return {
        ok: true,
        body: {
          message_id: message.messageId,
          queue_id: result.queueId,
          accepted: result.accepted,
          rejected: result.rejected,
          smtp_response: result.response,
        },
      }
    } catch (e) {
      if (e instanceof MailValidationError) return validationFailure(toFieldErrors(e.issues))
      if (isSmtpError(e)) return { ...smtpFailure(e), cause: e }
      return { ...failure(problem('internal_error', 'An unexpected error occurred.')), cause: e }
    }
  }
}
