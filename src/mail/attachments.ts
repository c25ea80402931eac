/**
 * Attachments: validate the caller's base64 without decoding it, pick or
 * parse the content type, and render the part headers (RFC 2183 Content-Disposition,
 * RFC 2231 `filename*` for non-ASCII names with an RFC 2047 `name` fallback,
 * RFC 2392 Content-ID for inline parts).
 */
import { foldHeader } from './fold.js'
import { parseMediaType, type MediaType } from './content-type.js'
import { contentTypeFor } from './mime-type.js'
import { FoldedBase64 } from './output.js'
import { parameterTokens, type HeaderParam } from './parameters.js'
import type { MailIssue } from './types.js'
import { hasLoneSurrogate } from './text-checks.js'

/** A validated attachment, ready to render. */
export interface PreparedAttachment {
  filename: string
  /** The caller's `content_type` (parsed, without `name` or `filename`), or the type guessed from the filename. */
  contentType: MediaType
  /** The content as valid base64 without whitespace. */
  base64: string
  /** Content-ID without angle brackets; set for inline attachments. */
  contentId: string | undefined
}

const WHITESPACE_RUN = /[\t\n\r ]+/g
const HAS_WHITESPACE = /[\t\n\r ]/
/** 1 for each character of the base64 alphabet (RFC 4648 section 4), by char code. */
const BASE64_ALPHABET = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[c.charCodeAt(0)] = 1
/** Valid base64 without whitespace (given a length that is a multiple of 4). */
const PLAIN_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const CONTROL = /[\x00-\x1f\x7f]/
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]+$/
const MAX_CONTENT_ID = 250

/**
 * Check base64 text (whitespace between characters is allowed); returns the
 * text without whitespace, or a message saying what is wrong.
 */
export function checkBase64(content: string): { ok: true; value: string } | { ok: false; message: string } {
  // The common case in one regex scan, several times faster than the loop below
  // on a large attachment; the loop runs only to strip whitespace or name the error.
  if (content.length % 4 === 0 && PLAIN_BASE64.test(content)) return { ok: true, value: content }
  const s = HAS_WHITESPACE.test(content) ? content.replace(WHITESPACE_RUN, '') : content
  const n = s.length
  let i = 0
  while (i < n) {
    const c = s.charCodeAt(i)
    if (c >= 128 || BASE64_ALPHABET[c] === 0) break
    i++
  }
  if (i < n) {
    const c = s[i] as string
    if (c !== '=') {
      const hint = c === '-' || c === '_' ? ' (base64url is not accepted; use standard base64 with + and /)' : ''
      return { ok: false, message: `is not valid base64: character ${JSON.stringify(c)} at offset ${i}${hint}` }
    }
    if (n - i > 2 || (n - i === 2 && s[i + 1] !== '=')) {
      return { ok: false, message: `is not valid base64: '=' padding at offset ${i} is not at the end` }
    }
  }
  if (n % 4 !== 0) {
    return { ok: false, message: `is not valid base64: its length (${n} without whitespace) is not a multiple of 4 (missing '=' padding?)` }
  }
  return { ok: true, value: s }
}

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

  let base64 = ''
  if (typeof content !== 'string') {
    issues.push({ path: [...path, 'content'], message: `${label}: content is required and must be a base64 string` })
  } else {
    const r = checkBase64(content)
    if (r.ok) base64 = r.value
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
