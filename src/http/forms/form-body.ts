import type { FormConfig } from '../../config/frontends.js'
import { checkAddress } from '../../mail/index.js'
import type { FieldError } from '../problem.js'
import type { SendBody } from '../schemas.js'
import { toBase64 } from './base64.js'
import { MAX_FORM_FILES } from './form-limits.js'

/** A form's fields as a template sees them: one string each, or a list for a field given more than once. */
export type FormFields = Record<string, string | string[]>

/** What a posted form becomes. */
export type FormSubmission =
  | { kind: 'send'; body: SendBody }
  /** The honeypot was filled: answer as a success, send nothing. */
  | { kind: 'spam' }
  | { kind: 'invalid'; errors: FieldError[] }

const isFile = (v: unknown): v is File => typeof v === 'object' && v !== null && typeof (v as File).arrayBuffer === 'function'

/**
 * Turns a posted form (`FormData` of `application/x-www-form-urlencoded` or
 * `multipart/form-data`) into a send body: its text fields are the
 * template's data, its files attachments, and recipients, sender and
 * template come from the form's configuration only, never from the request.
 * The `reply_to_field` becomes `reply_to` when it holds an address (`422`
 * at that field when it holds something else).
 */
export async function formSubmission(form: FormConfig, data: FormData): Promise<FormSubmission> {
  const fields: FormFields = {}
  const attachments: NonNullable<SendBody['attachments']> = []
  for (const [name, value] of data.entries()) {
    if (isFile(value)) {
      // An <input type="file"> left empty posts a nameless, empty part; an empty file carries nothing either.
      if (value.size === 0) continue
      if (attachments.length === MAX_FORM_FILES) return { kind: 'invalid', errors: [{ path: name, message: `A form may carry at most ${MAX_FORM_FILES} files` }] }
      attachments.push({ filename: value.name || 'attachment', content: toBase64(new Uint8Array(await value.arrayBuffer())), ...(value.type ? { content_type: value.type } : {}) })
      continue
    }
    const previous = fields[name]
    fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value]
  }

  if (form.honeypot !== undefined) {
    const bait = fields[form.honeypot]
    if (bait !== undefined && (Array.isArray(bait) ? bait.some((v) => v.trim() !== '') : bait.trim() !== '')) return { kind: 'spam' }
    delete fields[form.honeypot]
  }

  let replyTo: string | undefined
  if (form.replyToField !== undefined) {
    const value = fields[form.replyToField]
    const given = Array.isArray(value) ? value[0] : value
    if (given !== undefined && given.trim() !== '') {
      if (!checkAddress(given.trim(), []).ok) return { kind: 'invalid', errors: [{ path: form.replyToField, message: 'Must be an email address' }] }
      replyTo = given.trim()
    }
  }

  return {
    kind: 'send',
    body: {
      // Without one, the pipeline's DEFAULT_FROM (startup made sure there is one).
      ...(form.from !== undefined ? { from: form.from } : {}),
      to: [...form.to],
      ...(replyTo !== undefined ? { reply_to: replyTo } : {}),
      template: form.template,
      data: fields,
      ...(attachments.length > 0 ? { attachments } : {}),
    },
  }
}
