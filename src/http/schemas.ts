import { z } from '@hono/zod-openapi'
import { IDEMPOTENCY_KEY_CHARS, MAX_IDEMPOTENCY_KEY_LENGTH } from './middleware/idempotency.js'
import { RESERVED_HEADER_PREFIXES, RESERVED_HEADERS } from '../mail/index.js'
import { MAX_FIELD_ERRORS, PROBLEM_CODES } from './problem.js'

/** `{email, name?}` form of an address. */
export const AddressObjectSchema = z
  .strictObject({
    email: z.string().openapi({ example: 'eve@example.net' }),
    name: z.string().optional().openapi({ example: 'Eve Ä' }),
  })
  .openapi('AddressObject')

/** An address: `"a@b.c"`, `"Name <a@b.c>"`, or `{email, name?}`. */
export const AddressSchema = z
  .union([z.string().openapi({ example: 'Ada <ada@example.com>' }), AddressObjectSchema], {
    error: 'Expected an address: "a@b.c", "Name <a@b.c>" or {"email", "name"}',
  })
  .openapi('Address', { description: 'An address: `"a@b.c"`, `"Name <a@b.c>"` or `{"email", "name"}`; internationalized domains and local parts are allowed.' })

/** One address or a list of them. */
export const AddressListSchema = z
  .union([AddressSchema, z.array(AddressSchema)], {
    error: 'Expected an address or a list of addresses',
  })
  .openapi('AddressList', { description: 'One address, or a list of them.' })

export const AttachmentSchema = z
  .strictObject({
    filename: z.string().min(1, 'Filename must not be empty').openapi({ example: 'report.pdf' }),
    content: z.string().openapi({ description: 'Base64 of the bytes.', example: 'JVBERi0xLjQK' }),
    content_type: z
      .string()
      .optional()
      .openapi({ description: 'MIME type; guessed from the filename when absent.', example: 'application/pdf' }),
    content_id: z
      .string()
      .optional()
      .openapi({ description: 'Makes the attachment inline, referenced from the html as `cid:<content_id>`.' }),
  })
  .openapi('Attachment')

type Recipients = { to?: unknown; cc?: unknown; bcc?: unknown }

/** Number of entries in `to` + `cc` + `bcc` (each one address or a list). */
export function countRecipients(v: Recipients): number {
  return addressCount(v.to) + addressCount(v.cc) + addressCount(v.bcc)
}

/** Number of addresses in one address field (absent, one address, or a list). */
export const addressCount = (field: unknown): number => (field === undefined ? 0 : Array.isArray(field) ? field.length : 1)

/**
 * zod drops a `__proto__` key from records without a word (JSON.parse makes it
 * an own property); a header of that name must not vanish silently.
 */
function rejectProtoKey(value: unknown, ctx: { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void }) {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'Header name __proto__ is not allowed' })
  }
  return value
}

/** Fields of one send request, without the cross-field rules (reusable by batch items). */
export const sendRequestShape = {
  from: AddressSchema.optional(),
  to: AddressListSchema.optional(),
  cc: AddressListSchema.optional(),
  bcc: AddressListSchema.optional().openapi({ description: 'Receive the message but never appear in its headers.' }),
  reply_to: AddressListSchema.optional().openapi({ description: 'At most `MAX_REPLY_TO` addresses (default 10).' }),
  subject: z.string().optional().openapi({ description: 'Required unless `template` is given; may be empty.', example: 'Hello 你好' }),
  text: z.string().optional().openapi({ example: 'plain body' }),
  html: z.string().optional().openapi({ example: '<p>html body</p>' }),
  attachments: z.array(AttachmentSchema).optional(),
  template: z.string().min(1).optional().openapi({
    description: 'A template of `MAILBRIDGE_CONFIG`: it renders `subject`, `text` and `html` from `data`, so give none of those three.',
    example: 'welcome',
  }),
  data: z.record(z.string(), z.unknown()).optional().openapi({ description: "The template's variables.", example: { name: 'Ada' } }),
  headers: z
    .preprocess(rejectProtoKey, z.record(z.string(), z.string()))
    .optional()
    .openapi({
      description:
        `Extra header fields. Refused, because mailbridge sets them, servers add them in transit, or they claim a sender identity: ${[...RESERVED_HEADERS, ...RESERVED_HEADER_PREFIXES.map((p) => `${p}*`)].join(', ')} (any case). Names must be RFC 5322 field names; no CR, LF or NUL. At most \`MAX_HEADERS\` fields (default 50) and \`MAX_HEADER_BYTES\` bytes of names and values together (default 16384).`,
      example: { 'X-Campaign': 'welcome' },
    }),
}

/**
 * Descriptions of properties that are plain references to a shared schema,
 * written beside the `$ref` by the document generator: `.openapi()` on such a
 * property would describe the shared schema itself (every recipient would
 * read "Sender").
 */
export const REFERENCE_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SendRequest: { from: 'Sender; `DEFAULT_FROM` when absent.' },
}

/** The body of `POST /send`. */
export const SendRequestSchema = z
  .strictObject(sendRequestShape)
  .superRefine((v, ctx) => {
    if (v.template !== undefined) {
      for (const field of ['subject', 'text', 'html'] as const)
        if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'The template renders this field: give template or subject/text/html, not both' })
    } else {
      if (v.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'This field is required.' })
      if (v.text === undefined && v.html === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'At least one of text or html is required' })
      if (v.data !== undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'data is for a template: give template too' })
    }
    if (countRecipients(v) === 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'At least one recipient in to, cc or bcc is required' })
    }
  })
  .openapi('SendRequest')

/** A `POST /send` body as validated: with `subject`/`text`/`html`, or with `template` and `data`. */
export type SendBody = z.infer<typeof SendRequestSchema>

/** A request ready to compose: a body without a template (or with its template rendered). */
export type SendRequest = Omit<SendBody, 'template' | 'data' | 'subject'> & { subject: string }

export const RecipientRejectionSchema = z
  .object({
    email: z.string(),
    code: z.number().int().openapi({ example: 550 }),
    enhanced_code: z.string().nullable().openapi({ example: '5.1.1' }),
    message: z.string(),
  })
  .openapi('RecipientRejection')

/** With `DELIVERY_MODE=mx`: what one recipient domain's MX hosts did with the message. */
export const DomainDeliverySchema = z
  .object({
    domain: z.string().openapi({ example: 'example.org' }),
    status: z.enum(['delivered', 'rejected', 'deferred', 'unknown']).openapi({
      description: '`delivered`: an MX host took it; `rejected`: refused for good; `deferred`: not now (greylisting, unreachable), and not queued: send again later to this domain; `unknown`: the connection was lost after hand-over.',
    }),
    mx: z.string().nullable().openapi({ description: 'The MX host that answered last; null when none was reached.', example: 'mx1.example.org' }),
    queue_id: z.string().nullable().openapi({ example: '4XyZ12AbC' }),
    accepted: z.array(z.string()).openapi({ example: ['bob@example.org'] }),
    rejected: z.array(RecipientRejectionSchema),
    smtp_response: z.string().nullable().openapi({ example: '250 2.0.0 Ok: queued as 4XyZ12AbC' }),
    detail: z.string().optional().openapi({ description: 'Why it was not delivered.' }),
  })
  .openapi('DomainDelivery')

/** The `200` body of `POST /send`. */
export const SendResponseSchema = z
  .object({
    message_id: z.string().openapi({ example: '<9f2c1e@example.com>' }),
    queue_id: z.string().nullable().optional().openapi({
      description: "The id the relay's final reply names; null when it names none. Absent for a test key, which delivers nothing.",
      example: '4XyZ12AbC',
    }),
    accepted: z.array(z.string()).openapi({ example: ['bob@example.org'] }),
    rejected: z.array(RecipientRejectionSchema),
    smtp_response: z.string().openapi({ example: '250 2.0.0 Ok: queued as 4XyZ12AbC' }),
    test: z.literal(true).optional().openapi({ description: 'Present with a test key: the message was validated and composed, not delivered.' }),
    deliveries: z.array(DomainDeliverySchema).optional().openapi({ description: 'With `DELIVERY_MODE=mx`: one entry per recipient domain.' }),
  })
  .openapi('SendResponse')

export type SendResponse = z.infer<typeof SendResponseSchema>

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Validation failed' }),
    status: z.number().int().openapi({ example: 422 }),
    code: z
      .enum(PROBLEM_CODES)
      .openapi({ example: 'validation_error' }),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: 'to.1.email' }), message: z.string() }))
      .optional()
      .openapi({ description: `One entry per invalid field (validation_error), at most ${MAX_FIELD_ERRORS}; see \`errors_omitted\`.` }),
    errors_omitted: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: `How many more invalid fields there were than the ${MAX_FIELD_ERRORS} \`errors\` listed; absent when none were left out.`, example: 99_900 }),
    smtp: z
      .object({
        code: z.number().int().nullable().openapi({ example: 550 }),
        enhanced_code: z.string().nullable().openapi({ example: '5.1.1' }),
        command: z.string().nullable().openapi({ example: 'RCPT' }),
        response: z.string().nullable(),
      })
      .optional()
      .openapi({ description: 'What the relay answered, for SMTP failures.' }),
    deliveries: z
      .array(DomainDeliverySchema)
      .optional()
      .openapi({ description: 'With `DELIVERY_MODE=mx`: what each recipient domain did, the delivered ones included, so only the others need sending again.' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' })

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health')

/** Optional request headers of the send routes; names lower case as `@hono/zod-openapi` requires. */
export const SendHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(MAX_IDEMPOTENCY_KEY_LENGTH)
    .regex(IDEMPOTENCY_KEY_CHARS)
    .optional()
    .openapi({
      description:
        'Makes retries safe (1 to 256 printable ASCII characters, scoped to the API key): a repeat with the same body gets the first 2xx response again, with `Idempotent-Replayed: true`, for 24 hours. Failures are not stored.',
      example: 'order-4711-confirmation',
    }),
})
