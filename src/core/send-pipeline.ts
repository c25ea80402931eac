import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_REPLY_TO } from '../config/limits.js'
import { failure, joinPath, problem, validationFailure, type FieldError } from '../http/problem.js'
import { deliveryBody } from '../http/deliveries.js'
import { FROM_REQUIRED, type SendHandler, type SendOutcome } from '../http/send-handler.js'
import { addressCount, type SendRequest } from '../http/schemas.js'
import { smtpFailure } from '../http/smtp-problem.js'
import { MailValidationError, composeForSending, fromNameIssue, senderPolicy, type MailInput, type MailIssue } from '../mail/index.js'
import { utf8Length } from '../mail/text-checks.js'
import { isSmtpError } from '../smtp/errors.js'
import type { Mailer, SendResult } from '../smtp/types.js'
import type { SendResponse } from '../http/response-schemas.js'

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
  /** Most custom header fields (`headers`) per message. Default 50. */
  maxHeaders?: number | undefined
  /** Most bytes (UTF-8) of custom header names and values together. Default 16 384. */
  maxHeaderBytes?: number | undefined
  /** Most `reply_to` addresses per message. Default 10. */
  maxReplyTo?: number | undefined
}

/** The size limits a request must meet before any work is spent on it. */
interface Limits {
  maxRecipients: number
  maxHeaders: number
  maxHeaderBytes: number
  maxReplyTo: number
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

function headersOverLimits(headers: Record<string, string> | undefined, { maxHeaders, maxHeaderBytes }: Limits): FieldError | undefined {
  if (headers === undefined) return undefined
  const entries = Object.entries(headers)
  if (entries.length > maxHeaders) return { path: 'headers', message: `Too many headers: at most ${maxHeaders} custom header fields` }
  let bytes = 0
  for (const [name, value] of entries) {
    bytes += utf8Length(name) + utf8Length(value)
    if (bytes > maxHeaderBytes) {
      return { path: 'headers', message: `Headers too large: at most ${maxHeaderBytes} bytes of custom header names and values together` }
    }
  }
  return undefined
}

/** Every size limit the request breaks: one entry per field (recipients, reply_to, headers); undefined when it breaks none. */
function overLimits(req: SendRequest, limits: Limits): FieldError[] | undefined {
  const recipients = tooManyRecipients(req, limits.maxRecipients)
  const replyTo = addressCount(req.reply_to) > limits.maxReplyTo
    ? { path: 'reply_to', message: `Too many reply_to addresses: at most ${limits.maxReplyTo}` }
    : undefined
  const headers = headersOverLimits(req.headers, limits)
  if (recipients === undefined && replyTo === undefined && headers === undefined) return undefined
  return [recipients, replyTo, headers].filter((e): e is FieldError => e !== undefined)
}

/** The `200` body of a message the relay took. */
function sentBody(messageId: string, result: SendResult): SendResponse {
  const body: SendResponse = {
    message_id: messageId,
    queue_id: result.queueId,
    accepted: result.accepted,
    rejected: result.rejected,
    smtp_response: result.response,
  }
  if (result.deliveries) body.deliveries = result.deliveries.map(deliveryBody)
  return body
}

/** The problem a request that could not be composed or sent is answered with. */
function sendFailure(e: unknown): SendOutcome {
  if (e instanceof MailValidationError) return validationFailure(toFieldErrors(e.issues))
  if (isSmtpError(e)) return { ...smtpFailure(e), cause: e }
  return { ...failure(problem('internal_error', 'An unexpected error occurred.')), cause: e }
}

/**
 * The send pipeline behind `POST /send` and each `/send/batch` item: size
 * limits (recipients, `reply_to`, custom headers), `DEFAULT_FROM`, deep validation (addresses, header safety, base64)
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
  maxHeaders = DEFAULT_MAX_HEADERS,
  maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES,
  maxReplyTo = DEFAULT_MAX_REPLY_TO,
}: SendPipelineOptions): SendHandler {
  const limits: Limits = { maxRecipients, maxHeaders, maxHeaderBytes, maxReplyTo }
  const senderAllowed = senderPolicy(allowedSenders)
  // With a policy, the display name must not claim a sender the policy never saw.
  const checkFromName = allowedSenders.some((entry) => entry.trim() !== '')

  /** Every check and the composition: the message to hand over, or the problem to answer. */
  function prepare(req: SendRequest): { ok: false; outcome: SendOutcome } | { ok: true; message: ReturnType<typeof composeForSending> } {
    const over = overLimits(req, limits)
    if (over !== undefined) return { ok: false, outcome: validationFailure(over) }

    const from = req.from ?? defaultFrom
    if (from === undefined) {
      return { ok: false, outcome: validationFailure([FROM_REQUIRED]) }
    }
    // The request itself when it names its sender (no copy); else with DEFAULT_FROM.
    const input: MailInput = req.from !== undefined ? (req as MailInput) : { ...req, from }

    try {
      // The composer runs every check first (addresses, header safety,
      // base64) and throws them all as one MailValidationError.
      const message = composeForSending(input)
      if (!senderAllowed(message.envelope.from)) {
        return { ok: false, outcome: failure(problem('sender_not_allowed', 'The from address is not an allowed sender.')) }
      }
      const nameIssue = checkFromName ? fromNameIssue(from, message.fromName) : undefined
      if (nameIssue) return { ok: false, outcome: validationFailure(toFieldErrors([nameIssue])) }
      return { ok: true, message }
    } catch (e) {
      return { ok: false, outcome: sendFailure(e) }
    }
  }

  // The checks and the composition run in a plain function, so that the
  // async function suspended while the relay works holds only the message.
  async function send(req: SendRequest): Promise<SendOutcome> {
    const prepared = prepare(req)
    if (!prepared.ok) return prepared.outcome
    const { message } = prepared
    try {
      const result = await mailer.send({ envelope: message.envelope, raw: message.raw, smtputf8: message.smtputf8 })
      return { ok: true, body: sentBody(message.messageId, result) }
    } catch (e) {
      return sendFailure(e)
    }
  }

  return Object.assign(send, { fromRequired: defaultFrom === undefined })
}
