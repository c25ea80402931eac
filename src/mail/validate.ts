/**
 * Validation of a whole send request: every problem is collected (never just
 * the first), each with its JSON path, and a valid request comes back parsed.
 */
import { checkAddress, type ParsedAddress } from './address.js'
import { checkAttachment, type PreparedAttachment } from './attachments.js'
import { customHeaderNameProblem, customHeaderValueProblem } from './headers.js'
import { hasLoneSurrogate, unsafeCharProblem } from './text-checks.js'
import type { MailInput, MailIssue } from './types.js'

/** A send request that passed validation, with parsed addresses and checked attachments. */
export interface PreparedMail {
  from: ParsedAddress
  to: ParsedAddress[]
  cc: ParsedAddress[]
  bcc: ParsedAddress[]
  replyTo: ParsedAddress[]
  subject: string
  text: string | undefined
  html: string | undefined
  attachments: PreparedAttachment[]
  /** Custom headers in the caller's order. */
  headers: [string, string][]
}

/** Result of {@link prepareMail}. */
export type PrepareResult = { ok: true; mail: PreparedMail } | { ok: false; issues: MailIssue[] }

type ListField = 'to' | 'cc' | 'bcc' | 'reply_to'

function addressList(input: Record<string, unknown>, field: ListField, issues: MailIssue[]): ParsedAddress[] {
  const value = input[field]
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  const out: ParsedAddress[] = []
  items.forEach((item, i) => {
    const r = checkAddress(item, Array.isArray(value) ? [field, i] : [field])
    if (r.ok) out.push(r.address)
    else issues.push(...r.issues)
  })
  return out
}

function bodyField(input: Record<string, unknown>, field: 'text' | 'html', issues: MailIssue[]): string | undefined {
  const v = input[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') {
    issues.push({ path: [field], message: `${field} must be a string` })
    return undefined
  }
  if (hasLoneSurrogate(v)) issues.push({ path: [field], message: `${field} contains an unpaired UTF-16 surrogate (not valid Unicode)` })
  return v
}

/**
 * Validate `input` completely. Returns the parsed request, or every issue
 * found (paths like `["to", 1, "email"]`, `["attachments", 0, "content"]`,
 * `["headers", "X-Foo"]`).
 */
export function prepareMail(input: MailInput | unknown): PrepareResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: [], message: 'the request must be an object' }] }
  }
  const req = input as Record<string, unknown>
  const issues: MailIssue[] = []

  let from: ParsedAddress | undefined
  if (req.from === undefined || req.from === null) issues.push({ path: ['from'], message: 'from is required' })
  else {
    const r = checkAddress(req.from, ['from'])
    if (r.ok) from = r.address
    else issues.push(...r.issues)
  }
  const to = addressList(req, 'to', issues)
  const cc = addressList(req, 'cc', issues)
  const bcc = addressList(req, 'bcc', issues)
  const replyTo = addressList(req, 'reply_to', issues)
  const given = (f: ListField): number => {
    const v = req[f]
    return v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : 1
  }
  if (given('to') + given('cc') + given('bcc') === 0) {
    issues.push({ path: ['to'], message: 'at least one recipient (to, cc or bcc) is required' })
  }

  let subject = ''
  if (typeof req.subject !== 'string') issues.push({ path: ['subject'], message: 'subject is required and must be a string (it may be empty)' })
  else {
    const p = unsafeCharProblem(req.subject)
    if (p) issues.push({ path: ['subject'], message: `subject ${p}` })
    else subject = req.subject
  }

  const text = bodyField(req, 'text', issues)
  const html = bodyField(req, 'html', issues)
  if (req.text == null && req.html == null) issues.push({ path: ['text'], message: 'at least one of text and html is required' })

  const attachments: PreparedAttachment[] = []
  if (req.attachments !== undefined && req.attachments !== null) {
    if (!Array.isArray(req.attachments)) issues.push({ path: ['attachments'], message: 'attachments must be an array' })
    else {
      const seen = new Map<string, number>()
      req.attachments.forEach((a: unknown, i: number) => {
        const p = checkAttachment(a, i, issues)
        if (!p) return
        if (p.contentId !== undefined) {
          const key = p.contentId.toLowerCase()
          const first = seen.get(key)
          if (first !== undefined) {
            issues.push({ path: ['attachments', i, 'content_id'], message: `content_id "${p.contentId}" is already used by attachment ${first}` })
            return
          }
          seen.set(key, i)
        }
        attachments.push(p)
      })
    }
  }

  const headers: [string, string][] = []
  if (req.headers !== undefined && req.headers !== null) {
    if (typeof req.headers !== 'object' || Array.isArray(req.headers)) {
      issues.push({ path: ['headers'], message: 'headers must be an object of name: value' })
    } else {
      for (const [name, value] of Object.entries(req.headers as Record<string, unknown>)) {
        const p = customHeaderNameProblem(name) ?? customHeaderValueProblem(value)
        if (p) issues.push({ path: ['headers', name], message: p })
        else headers.push([name, value as string])
      }
    }
  }

  if (issues.length > 0 || from === undefined) return { ok: false, issues }
  return { ok: true, mail: { from, to, cc, bcc, replyTo, subject, text, html, attachments, headers } }
}
