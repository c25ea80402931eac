/**
 * The request bodies the send routes validate. Their `.meta()` (schema ids,
 * descriptions, examples) is plain zod metadata, read only by the OpenAPI
 * document's generator (src/http/api-document/), never at run time.
 */
import * as z from 'zod'
import { RESERVED_HEADER_PREFIXES, RESERVED_HEADERS } from '../mail/index.js'

/** `{email, name?}` form of an address. */
export const AddressObjectSchema = z
  .strictObject({
    email: z.string().meta({ example: 'eve@example.net' }),
    name: z.string().optional().meta({ example: 'Eve Ä' }),
  })
  .meta({ id: 'AddressObject' })

/** An address: `"a@b.c"`, `"Name <a@b.c>"`, or `{email, name?}`. */
export const AddressSchema = z
  .union([z.string().meta({ example: 'Ada <ada@example.com>' }), AddressObjectSchema], {
    error: 'Expected an address: "a@b.c", "Name <a@b.c>" or {"email", "name"}',
  })
  .meta({ id: 'Address', description: 'An address: `"a@b.c"`, `"Name <a@b.c>"` or `{"email", "name"}`; internationalized domains and local parts are allowed.' })

/** One address or a list of them. */
export const AddressListSchema = z
  .union([AddressSchema, z.array(AddressSchema)], {
    error: 'Expected an address or a list of addresses',
  })
  .meta({ id: 'AddressList', description: 'One address, or a list of them.' })

export const AttachmentSchema = z
  .strictObject({
    filename: z.string().min(1, 'Filename must not be empty').meta({ example: 'report.pdf' }),
    content: z.string().meta({ description: 'Base64 of the bytes.', example: 'JVBERi0xLjQK' }),
    content_type: z
      .string()
      .optional()
      .meta({ description: 'MIME type; guessed from the filename when absent.', example: 'application/pdf' }),
    content_id: z
      .string()
      .optional()
      .meta({ description: 'Makes the attachment inline, referenced from the html as `cid:<content_id>`.' }),
  })
  .meta({ id: 'Attachment' })

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
  // The document describes from, bcc and reply_to beside their $ref (src/http/api-document/document.ts).
  bcc: AddressListSchema.optional(),
  reply_to: AddressListSchema.optional(),
  subject: z.string().optional().meta({ description: 'Required unless `template` is given; may be empty.', example: 'Hello 你好' }),
  text: z.string().optional().meta({ example: 'plain body' }),
  html: z.string().optional().meta({ example: '<p>html body</p>' }),
  attachments: z.array(AttachmentSchema).optional(),
  template: z.string().min(1).optional().meta({
    description: 'A template of `MAILBRIDGE_CONFIG`: it renders `subject`, `text` and `html` from `data`, so give none of those three.',
    example: 'welcome',
  }),
  data: z.record(z.string(), z.unknown()).optional().meta({ description: "The template's variables.", example: { name: 'Ada' } }),
  headers: z
    .preprocess(rejectProtoKey, z.record(z.string(), z.string()))
    .optional()
    .meta({
      description:
        `Extra header fields. Refused, because mailbridge sets them, servers add them in transit, or they claim a sender identity: ${[...RESERVED_HEADERS, ...RESERVED_HEADER_PREFIXES.map((p) => `${p}*`)].join(', ')} (any case). Names must be RFC 5322 field names; no CR, LF or NUL. At most \`MAX_HEADERS\` fields (default 50) and \`MAX_HEADER_BYTES\` bytes of names and values together (default 16384).`,
      example: { 'X-Campaign': 'welcome' },
    }),
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
  .meta({ id: 'SendRequest' })

/** A `POST /send` body as validated: with `subject`/`text`/`html`, or with `template` and `data`. */
export type SendBody = z.infer<typeof SendRequestSchema>

/** A request ready to compose: a body without a template (or with its template rendered). */
export type SendRequest = Omit<SendBody, 'template' | 'data' | 'subject'> & { subject: string }
