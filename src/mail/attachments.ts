/**
 * Attachments: validate the caller's base64 without decoding it, pick or
 * parse the content type, and render the part headers (RFC 2183 Content-Disposition,
 * RFC 2231 `filename*` for non-ASCII names with an RFC 2047 `name` fallback,
 * RFC 2392 Content-ID for inline parts).
 */
import { foldHeader } from './fold.js'
import { parseMediaType, type MediaType } from './content-type.js'
import { contentTypeFor } from './mime-type.js'
import { Base64Bytes, checkBase64Bytes } from './base64-bytes.js'
import { checkBase64 } from './base64-check.js'
import { FoldedBase64 } from './output.js'
import { parameterTokens, type HeaderParam } from './parameters.js'
import type { MailIssue } from './types.js'
import { hasLoneSurrogate } from './text-checks.js'

/** A validated attachment, ready to render. */
export interface PreparedAttachment {
  filename: string
  /** The caller's `content_type` (parsed, without `name` or `filename`), or the type guessed from the filename. */
  contentType: MediaType
  /** The content as valid base64 without whitespace: text, or its ASCII bytes. */
  base64: string | Uint8Array
  /** Content-ID without angle brackets; set for inline attachments. */
  contentId: string | undefined
}

const CONTROL = /[\x00-\x1f\x7f]/
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]+$/
const MAX_CONTENT_ID = 250

/** Validate `attachments[index]`, pushing problems to `issues`; returns the prepared attachment when valid. */
export function checkAttachment(input: unknown, index: number, issues: MailIssue[]): PreparedAttachment | undefined {
  const path = ['attachments', index]
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ path, message: 'an attachment must be an object {filename, content, content_type?, content_id?}' })
    return undefined
  }
  const { filename, content, content_type: contentType, content_id: contentId } = input as Record<string, unknown>
  const before = issues.length
  let name = ''
  if (typeof filename !== 'string' || filename === '') {
    issues.push({ path: [...path, 'filename'], message: 'filename is required and must be a non-empty string' })
  } else if (CONTROL.test(filename)) {
    issues.push({ path: [...path, 'filename'], message: 'filename contains a control character (such as CR, LF, NUL or TAB)' })
  } else if (hasLoneSurrogate(filename)) {
    issues.push({ path: [...path, 'filename'], message: 'filename contains an unpaired UTF-16 surrogate (not valid Unicode)' })
  } else name = filename
  const label = name ? `attachment "${name}"` : `attachment ${index}`

  let base64: string | Uint8Array = ''
  if (typeof content !== 'string' && !(content instanceof Base64Bytes)) {
    issues.push({ path: [...path, 'content'], message: `${label}: content is required and must be a base64 string` })
  } else {
    const r = typeof content === 'string' ? checkBase64(content) : checkBase64Bytes(content)
    if (r.ok) base64 = r.value instanceof Base64Bytes ? r.value.bytes : r.value
    else issues.push({ path: [...path, 'content'], message: `${label}: content ${r.message}` })
  }

  let type: MediaType = { essence: contentTypeFor(name), params: [] }
  if (contentType !== undefined && contentType !== null) {
    const r = typeof contentType === 'string' ? parseMediaType(contentType) : { ok: false as const, message: 'content_type must be a string' }
    if (r.ok) type = r.mediaType
    else issues.push({ path: [...path, 'content_type'], message: `${label}: ${r.message}` })
  }

  let cid: string | undefined
  if (contentId !== undefined && contentId !== null) {
    const raw = typeof contentId === 'string' ? contentId : ''
    const bare = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw
    if (!CONTENT_ID.test(bare) || bare.length > MAX_CONTENT_ID) {
      issues.push({
        path: [...path, 'content_id'],
        message: `${label}: content_id must be 1–${MAX_CONTENT_ID} printable ASCII characters without spaces, '<' or '>'`,
      })
    } else cid = bare
  }
  if (issues.length > before) return undefined
  return { filename: name, contentType: type, base64, contentId: cid }
}

/** The MIME headers (CRLF-terminated lines) of an attachment part. */
export function attachmentHeaders(a: PreparedAttachment, inline: boolean): string {
  const name: HeaderParam = { name: 'name', value: a.filename, quoted: true, encodedWordFallback: true }
  let h = foldHeader('Content-Type', parameterTokens(a.contentType.essence, [...a.contentType.params, name]))
  h += 'Content-Transfer-Encoding: base64\r\n'
  h += foldHeader('Content-Disposition', parameterTokens(inline ? 'inline' : 'attachment', [{ name: 'filename', value: a.filename, quoted: true }]))
  if (a.contentId !== undefined) h += foldHeader('Content-ID', [`<${a.contentId}>`])
  return h
}

/** The encoded body of an attachment part: the caller's base64, written in 76-character lines. */
export function attachmentBody(a: PreparedAttachment): FoldedBase64 {
  return new FoldedBase64(a.base64)
}
