/**
 * Base64 held as its ASCII bytes rather than as a string: a large
 * attachment's content can stay where it arrived (a view into the request
 * body) and go into the message from there, never copied into a string.
 */
import { checkBase64 } from './base64-check.js'

/** Base64 text as ASCII bytes (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`, `=`, and perhaps whitespace). */
export class Base64Bytes {
  constructor(readonly bytes: Uint8Array) {}

  /** Characters (bytes) of base64 text. */
  get length(): number {
    return this.bytes.length
  }

  /** The text as a string (a copy): for error messages and small values. */
  toString(): string {
    return textOf.decode(this.bytes)
  }
}

/** The bytes' own text: a leading U+FEFF is content here, not a byte order mark to drop. */
const textOf = new TextDecoder('utf-8', { ignoreBOM: true })

/** 1 for each byte of the base64 alphabet (RFC 4648 section 4). */
const ALPHABET = new Uint8Array(256)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1
const EQUALS = 0x3d

/**
 * {@link checkBase64} for base64 held as bytes, with the same verdicts and
 * messages. Valid base64 without whitespace (the common case) is checked in
 * place and returned as it is; anything else is checked as text.
 */
export function checkBase64Bytes(content: Base64Bytes): { ok: true; value: Base64Bytes | string } | { ok: false; message: string } {
  const b = content.bytes
  const n = b.length
  let i = 0
  while (i < n && ALPHABET[b[i]!] === 1) i++
  const padding = n - i
  const padded = padding === 0 || (b[i] === EQUALS && (padding === 1 || (padding === 2 && b[i + 1] === EQUALS)))
  if (padded && n % 4 === 0) return { ok: true, value: content }
  return checkBase64(content.toString())
}
