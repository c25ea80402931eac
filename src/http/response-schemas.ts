/**
 * The shapes of mailbridge's answers: the types the routes build their
 * bodies with, and (with their `.meta()`) the response schemas of the
 * OpenAPI document. Nothing validates a response with them at run time
 * except `mailbridge send`, which reads the app's answer.
 */
import * as z from 'zod'
import { MAX_FIELD_ERRORS, PROBLEM_CODES, type Problem } from './problem.js'

/** A recipient the relay refused. */
export const RecipientRejectionSchema = z
  .object({
    email: z.string(),
    code: z.number().int().meta({ example: 550 }),
    enhanced_code: z.string().nullable().meta({ example: '5.1.1' }),
    message: z.string(),
  })
  .meta({ id: 'RecipientRejection' })

/** With `DELIVERY_MODE=mx`: what one recipient domain's MX hosts did with the message. */
export const DomainDeliverySchema = z
  .object({
    domain: z.string().meta({ example: 'example.org' }),
    status: z.enum(['delivered', 'rejected', 'deferred', 'unknown']).meta({
      description: '`delivered`: an MX host took it; `rejected`: refused for good; `deferred`: not now (greylisting, unreachable), and not queued: send again later to this domain; `unknown`: the connection was lost after hand-over.',
    }),
    mx: z.string().nullable().meta({ description: 'The MX host that answered last; null when none was reached.', example: 'mx1.example.org' }),
    queue_id: z.string().nullable().meta({ example: '4XyZ12AbC' }),
    accepted: z.array(z.string()).meta({ example: ['bob@example.org'] }),
    rejected: z.array(RecipientRejectionSchema),
    smtp_response: z.string().nullable().meta({ example: '250 2.0.0 Ok: queued as 4XyZ12AbC' }),
    detail: z.string().optional().meta({ description: 'Why it was not delivered.' }),
  })
  .meta({ id: 'DomainDelivery' })

/** The `200` body of `POST /send`. */
export const SendResponseSchema = z
  .object({
    message_id: z.string().meta({ example: '<9f2c1e@example.com>' }),
    queue_id: z.string().nullable().optional().meta({
      description: "The id the relay's final reply names; null when it names none. Absent for a test key, which delivers nothing.",
      example: '4XyZ12AbC',
    }),
    accepted: z.array(z.string()).meta({ example: ['bob@example.org'] }),
    rejected: z.array(RecipientRejectionSchema),
    smtp_response: z.string().meta({ example: '250 2.0.0 Ok: queued as 4XyZ12AbC' }),
    test: z.literal(true).optional().meta({ description: 'Present with a test key: the message was validated and composed, not delivered.' }),
    deliveries: z.array(DomainDeliverySchema).optional().meta({ description: 'With `DELIVERY_MODE=mx`: one entry per recipient domain.' }),
  })
  .meta({ id: 'SendResponse' })

export type SendResponse = z.infer<typeof SendResponseSchema>

/** Every problem response's body (RFC 9457). */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Validation failed' }),
    status: z.number().int().meta({ example: 422 }),
    code: z
      .enum(PROBLEM_CODES)
      .meta({ example: 'validation_error' }),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string().meta({ example: 'to.1.email' }), message: z.string() }))
      .optional()
      .meta({ description: `One entry per invalid field (validation_error), at most ${MAX_FIELD_ERRORS}; see \`errors_omitted\`.` }),
    errors_omitted: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: `How many more invalid fields there were than the ${MAX_FIELD_ERRORS} \`errors\` listed; absent when none were left out.`, example: 99_900 }),
    smtp: z
      .object({
        code: z.number().int().nullable().meta({ example: 550 }),
        enhanced_code: z.string().nullable().meta({ example: '5.1.1' }),
        command: z.string().nullable().meta({ example: 'RCPT' }),
        response: z.string().nullable(),
      })
      .optional()
      .meta({ description: 'What the relay answered, for SMTP failures.' }),
    deliveries: z
      .array(DomainDeliverySchema)
      .optional()
      .meta({ description: 'With `DELIVERY_MODE=mx`: what each recipient domain did, the delivered ones included, so only the others need sending again.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' })

/** The `200` body of `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })

/** The `200` body of `GET /readyz`. */
export const ReadySchema = z
  .object({
    status: z.literal('ready'),
    degraded: z
      .array(z.string())
      .optional()
      .meta({ description: 'What works only in part while the relay is fine, e.g. a shared Redis that is down (Idempotency-Key requests answer 503). Absent when everything works.' }),
  })
  .meta({ id: 'Ready' })

/** One `/send/batch` item's result: the `/send` success body, or the problem `/send` would have answered. */
export const BatchResultSchema = z.union([SendResponseSchema, ProblemSchema]).meta({ id: 'BatchResult' })

/** The `200` body of `POST /send/batch`. */
export const BatchResponseSchema = z
  .object({
    results: z.array(BatchResultSchema).meta({
      description:
        'One entry per request item, in order: the `/send` success body (has `message_id`), or its problem object (has `status` and `code`).',
    }),
  })
  .meta({ id: 'BatchResponse' })

/** The `200` body of `POST /send/batch`, as the route builds it. */
export type BatchResponse = { results: Array<SendResponse | Problem> }

/** The `200` body of a hook. */
export const HookResponseSchema = z
  .object({
    sent: z.boolean().meta({ description: 'Whether a message was sent; false for an event the hook ignores.' }),
    message_id: z.string().optional().meta({ example: '<9f2c1e@example.com>' }),
    queue_id: z.string().nullable().optional(),
    ignored: z.string().optional().meta({ description: 'Why nothing was sent.', example: 'event "ping" is not one this hook mails' }),
  })
  .meta({ id: 'HookResponse' })

/** The `200` body of a hook, as the route builds it. */
export type HookResponse = z.infer<typeof HookResponseSchema>
