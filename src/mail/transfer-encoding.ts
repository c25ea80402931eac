/**
 * Content-Transfer-Encoding for text parts, and line-wrapped base64.
 *
 * - `7bit`: ASCII, no control characters, lines at most 998 octets, no line
 *   starting with `From ` (mbox readers would mangle it).
 * - `8bit`: as 7bit but non-ASCII allowed; only when the relay offers 8BITMIME.
 * - `quoted-printable` or `base64`: otherwise, whichever is smaller.
 * Encoded lines are at most 76 characters.
 */
import { MAX_LINE } from './fold.js'
import { utf8Length } from './text-checks.js'

/** A Content-Transfer-Encoding we emit. */
export type TransferEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64'

/** Longest encoded line for quoted-printable and base64 (RFC 2045). */
export const MAX_ENCODED_LINE = 76

const encoder = new TextEncoder()
const LINE_ENDINGS = /\r\n|\r|\n/g
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/
const FROM_LINE = /(?:^|\n)From /
/** Anything but printable ASCII, TAB, CR and LF. */
const NOT_PRINTABLE_ASCII = /[^\t\n\r\x20-\x7e]/

/** Replace every CR, LF and CRLF with CRLF. */
export function normalizeNewlines(text: string): string {
  // LF line ends only (the common case): a plain string replacement, faster than the regex.
  return text.indexOf('\r') === -1 ? text.replaceAll('\n', '\r\n') : text.replace(LINE_ENDINGS, '\r\n')
}

/** Longest line of CRLF-normalized `text`, in UTF-8 octets (0 when no line can pass 998). */
function maxLineOctets(text: string): number {
  let max = 0
  let start = 0
  for (;;) {
    const nl = text.indexOf('\n', start)
    let end = nl === -1 ? text.length : nl
    if (end > start && text.charCodeAt(end - 1) === 13) end-- // the CR of CRLF is not part of the line
    // Only a line of 250+ code units can pass 998 octets (at most 3 octets per code unit).
    if (end - start >= 250 && (end - start) * 3 > max) max = Math.max(max, utf8Length(text.slice(start, end)))
    if (nl === -1) return max
    start = nl + 1
  }
}

/**
 * Pick the transfer encoding for a CRLF-normalized text body.
 *
 * @param eightBit the relay offers 8BITMIME
 */
export function chooseTextEncoding(text: string, eightBit: boolean): TransferEncoding {
  // Printable ASCII, tabs and line breaks only (the common case) is 7bit unless
  // a line starts with "From " or is too long: two quick scans decide it.
  const asciiText = !NOT_PRINTABLE_ASCII.test(text)
  const plain =
    (asciiText || !CONTROL.test(text)) && !FROM_LINE.test(text) && ((asciiText && text.length <= MAX_LINE) || maxLineOctets(text) <= MAX_LINE)
  if (plain && asciiText) return '7bit'
  if (plain && eightBit) return '8bit'
  // Estimate: QP costs 3 characters per escaped byte, base64 4 per 3 bytes.
  // Counted on the string (encodeText encodes it once; not a second time here):
  // every octet of a non-ASCII character is escaped in QP.
  const bytes = utf8Length(text)
  let ascii = 0
  let escaped = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80) continue
    ascii++
    if (c > 126 || (c < 32 && c !== 13 && c !== 10 && c !== 9) || c === 61) escaped++
  }
  escaped += bytes - ascii
  return bytes + 2 * escaped <= Math.ceil(bytes / 3) * 4 ? 'quoted-printable' : 'base64'
}

/** Encode a CRLF-normalized text body; returns string pieces to be concatenated. */
export function encodeText(text: string, encoding: TransferEncoding): string[] {
  switch (encoding) {
    case '7bit':
    case '8bit':
      return [text]
    case 'quoted-printable':
      return encodeQuotedPrintable(encoder.encode(text))
    case 'base64':
      return encodeBase64Lines(encoder.encode(text))
  }
}

const HEX = '0123456789ABCDEF'
/** Each byte's QP form in the middle of a line. */
const QP: string[] = []
for (let b = 0; b < 256; b++) {
  QP.push((b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9 ? String.fromCharCode(b) : `=${HEX[b >> 4]}${HEX[b & 15]}`)
}
const QP_ESCAPED: string[] = QP.map((_, b) => `=${HEX[b >> 4]}${HEX[b & 15]}`)

/**
 * Quoted-printable (RFC 2045 6.7) of UTF-8 bytes whose line breaks are CRLF.
 * Lines are at most 76 characters; trailing space and tab are escaped; a line
 * starting with `.` or `From ` has that character escaped so neither SMTP
 * dot-handling nor mbox `>From` quoting can alter it.
 */
export function encodeQuotedPrintable(bytes: Uint8Array): string[] {
  const out: string[] = []
  let line = ''
  const n = bytes.length
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    if (b === 13 && bytes[i + 1] === 10) {
      out.push(endLine(line, out), '\r\n')
      line = ''
      i++
      continue
    }
    let tok: string
    if (line === '' && (b === 0x2e || (b === 0x46 && isFromAt(bytes, i)))) tok = QP_ESCAPED[b] as string
    else tok = QP[b] as string
    if (line.length + tok.length > MAX_ENCODED_LINE - 1) {
      out.push(line, '=\r\n')
      line = ''
      if (b === 0x2e || (b === 0x46 && isFromAt(bytes, i))) tok = QP_ESCAPED[b] as string
    }
    line += tok
  }
  if (line !== '') out.push(endLine(line, out))
  return out
}

/** Escape a trailing space or tab of a hard line end, wrapping if needed. */
function endLine(line: string, out: string[]): string {
  const last = line.charCodeAt(line.length - 1)
  if (last !== 32 && last !== 9) return line
  const escaped = line.slice(0, -1) + (last === 32 ? '=20' : '=09')
  if (escaped.length <= MAX_ENCODED_LINE) return escaped
  out.push(line.slice(0, -1), '=\r\n')
  return last === 32 ? '=20' : '=09'
}

function isFromAt(bytes: Uint8Array, i: number): boolean {
  return bytes[i + 1] === 0x72 && bytes[i + 2] === 0x6f && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x20
}

/** Bytes per btoa call: a multiple of 57 (one 76-character line) and small enough for `apply`. */
const B64_CHUNK = 57 * 256

/** Base64 of `bytes` in lines of 76 characters separated by CRLF (no CRLF after the last). */
export function encodeBase64Lines(bytes: Uint8Array): string[] {
  const out: string[] = []
  for (let off = 0; off < bytes.length; off += B64_CHUNK) {
    const chunk = bytes.subarray(off, off + B64_CHUNK)
    const b64 = btoa(String.fromCharCode.apply(null, chunk as unknown as number[]))
    pushLines(out, b64)
  }
  return out
}

function pushLines(out: string[], b64: string): void {
  for (let j = 0; j < b64.length; j += MAX_ENCODED_LINE) {
    if (out.length > 0) out.push('\r\n')
    out.push(b64.slice(j, j + MAX_ENCODED_LINE))
  }
}
