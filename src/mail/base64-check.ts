/** Base64 validation (RFC 4648 section 4) of text, whitespace allowed between characters. */

const WHITESPACE_RUN = /[\t\n\r ]+/g
const HAS_WHITESPACE = /[\t\n\r ]/
/** 1 for each character of the base64 alphabet (RFC 4648 section 4), by char code. */
const BASE64_ALPHABET = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[c.charCodeAt(0)] = 1
/** Valid base64 without whitespace (given a length that is a multiple of 4). */
const PLAIN_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

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
