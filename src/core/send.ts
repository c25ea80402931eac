import { MailValidationError } from '../mail/errors.js'
import type { ComposedMessage, ComposeOptions, MailInput, MailIssue } from '../mail/types.js'
import { isSmtpError } from '../smtp/errors.js'
import type { Mailer } from '../smtp/types.js'
import { failure, joinPath, problem, validationFailure, type FieldError, type ProblemOutcome } from '../http/problem.js'
import { addressCount, type SendRequest, type SendResponse } from '../http/schemas.js'
import { smtpFailure } from '../http/smtp-problem.js'

/**
 * The MIME composer (`src/mail/`): validates completely and composes in one
 * pass, throwing `MailValidationError` with every issue.
 */
export type Composer = (input: MailInput, options?: ComposeOptions) => ComposedMessage

/** What one send needs besides the request; `createApp` builds it once per app. */
export interface SendContext {
  mailer: Mailer
  composer: Composer
  /** Returns false when the envelope sender (`local@ascii-domain`) is not allowed. */
  senderAllowed: (envelopeFrom: string) => boolean
  defaultFrom?: string | undefined
  maxRecipients: number
  compose?: ComposeOptions | undefined
}

export interface SendSuccess {
  ok: true
  body: SendResponse
}

/** A send's result: the `200` body, or a problem (with headers such as `Retry-After`). */
export type SendOutcome = SendSuccess | (ProblemOutcome & { cause?: unknown })

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
 * Runs one schema-valid send request to completion: recipient limit,
 * `DEFAULT_FROM`, deep validation (addresses, header safety, base64) and
 * composition, `ALLOWED_SENDERS`, and the SMTP hand-over. Never throws: every
 * failure becomes the problem `/send` answers, so `/send/batch` can run it per
 * item.
 */
export async function handleSend(req: SendRequest, ctx: SendContext): Promise<SendOutcome> {
  const over = tooManyRecipients(req, ctx.maxRecipients)
  if (over) return validationFailure([over])

  const from = req.from ?? ctx.defaultFrom
  if (from === undefined) {
    return validationFailure([{ path: 'from', message: 'from is required (no DEFAULT_FROM is configured)' }])
  }
  const input: MailInput = { ...req, from }

  try {
    // composeMessage runs every prepareMail check first (addresses,
    // header safety, base64) and throws them all as one MailValidationError.
    const message = ctx.composer(input, ctx.compose)
    if (!ctx.senderAllowed(message.envelope.from)) {
      return failure(problem('sender_not_allowed', 'The from address is not an allowed sender.'))
    }
    const result = await ctx.mailer.send({ envelope: message.envelope, raw: message.raw, smtputf8: message.smtputf8 })
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
