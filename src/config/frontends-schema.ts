import * as z from 'zod'
import { checkAddress } from '../mail/index.js'
import { checkOrigin, checkSender } from './fields.js'

/**
 * The shape of the `MAILBRIDGE_CONFIG` file, as written (snake_case). Objects
 * are strict, so a misspelt setting is an error rather than silently
 * ignored. Messages never quote a secret.
 */

/** A reference to a secret: `env:NAME` (the variable's value), or `sha256:<hex>` when `sha256` is allowed. */
export const SECRET_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/
export const SHA256_REF = /^sha256:([0-9a-fA-F]{64})$/

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Checks each entry of a list with `check` (null when fine), reporting at the entry's index. */
const entries = (check: (entry: string) => string | null) =>
  z
    .array(z.string())
    .min(1, 'must list at least one entry')
    .superRefine((list, ctx) =>
      list.forEach((entry, i) => {
        const problem = check(entry.trim())
        if (problem !== null) ctx.addIssue({ code: 'custom', path: [i], message: `${JSON.stringify(entry)} ${problem}` })
      }),
    )
    .transform((list) => list.map((e) => e.trim()))

const mailbox = (entry: string): string | null => (checkAddress(entry, []).ok ? null : 'is not an address (a@b.c or "Name <a@b.c>")')

const secretRef = (allowSha256: boolean) =>
  z.string({ error: allowSha256 ? 'must be env:NAME or sha256:<hex>' : 'must be env:NAME' }).refine(
    (v) => SECRET_REF.test(v.trim()) || (allowSha256 && SHA256_REF.test(v.trim())),
    allowSha256
      ? 'must be env:NAME (read from a variable) or sha256:<64 hex digits>; the secret itself never goes in the file'
      : 'must be env:NAME (read from a variable); the secret itself never goes in the file',
  )

/**
 * The whole file's schema, built on first use: a start without
 * `MAILBRIDGE_CONFIG` never builds them.
 */
function buildFileSchema() {
  const httpUrl = z.string().refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol)
    } catch {
      return false
    }
  }, 'must be an http or https URL')

  const perMinute = z.number().int().min(1).max(1_000_000)

  const KeySchema = z.strictObject({
    name: z.string().regex(NAME, 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
    secret: secretRef(true),
    senders: entries(checkSender).optional(),
    recipients: entries(checkSender).optional(),
    origins: entries(checkOrigin).optional(),
    rate_limit_per_minute: perMinute.optional(),
    test: z.boolean().default(false),
  })

  const TemplateSchema = z
    .strictObject({
      subject: z.string(),
      text: z.string().optional(),
      html: z.string().optional(),
      text_file: z.string().min(1).optional(),
      html_file: z.string().min(1).optional(),
    })
    .superRefine((t, ctx) => {
      if (t.text !== undefined && t.text_file !== undefined) ctx.addIssue({ code: 'custom', path: ['text_file'], message: 'give text or text_file, not both' })
      if (t.html !== undefined && t.html_file !== undefined) ctx.addIssue({ code: 'custom', path: ['html_file'], message: 'give html or html_file, not both' })
      if ([t.text, t.html, t.text_file, t.html_file].every((p) => p === undefined))
        ctx.addIssue({ code: 'custom', path: [], message: 'needs html, text, html_file or text_file' })
    })

  const recipients = entries(mailbox)
  const sender = z.string().refine((v) => mailbox(v) === null, 'is not an address (a@b.c or "Name <a@b.c>")')

  const FormSchema = z.strictObject({
    to: recipients,
    from: sender.optional(),
    template: z.string(),
    origins: entries(checkOrigin),
    honeypot: z.string().min(1).optional(),
    reply_to_field: z.string().min(1).optional(),
    redirect: httpUrl.optional(),
    error_redirect: httpUrl.optional(),
    rate_limit_per_minute: perMinute.optional(),
  })

  const VerifySchema = z.discriminatedUnion(
    'scheme',
    [
      z.strictObject({ scheme: z.literal('github'), secret: secretRef(false) }),
      z.strictObject({
        scheme: z.literal('standard-webhooks'),
        secret: secretRef(false),
        tolerance_seconds: z.number().int().min(1).max(86_400).optional(),
      }),
      z.strictObject({
        scheme: z.literal('hmac-sha256'),
        secret: secretRef(false),
        header: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'),
        encoding: z.enum(['hex', 'base64']).default('hex'),
        prefix: z.string().default(''),
      }),
    ],
    { error: 'scheme must be github, standard-webhooks or hmac-sha256' },
  )

  const HookSchema = z.strictObject({
    verify: VerifySchema,
    to: recipients,
    from: sender.optional(),
    template: z.string(),
    events: z.array(z.string().min(1)).min(1).optional(),
  })

  const named = <T extends z.ZodType>(schema: T) =>
    z.record(z.string().regex(NAME, 'names must be 1 to 64 letters, digits, ".", "_" or "-"'), schema).default({})

  return z.strictObject({
    keys: z.array(KeySchema).default([]),
    templates: named(TemplateSchema),
    forms: named(FormSchema),
    hooks: named(HookSchema),
  })
}

let fileSchema: ReturnType<typeof buildFileSchema> | undefined

/** The schema of the whole file (built once, on first use). */
export function frontendsFileSchema(): ReturnType<typeof buildFileSchema> {
  return (fileSchema ??= buildFileSchema())
}

export type FrontendsFile = z.infer<ReturnType<typeof buildFileSchema>>
