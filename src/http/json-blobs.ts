/**
 * JSON parsing for large request bodies that leaves long base64 strings
 * where they arrived: each `"content": "…"` string of 64 KiB or more without
 * escapes is cut out of the body and parsed as a placeholder; `restore` then
 * puts back an attachment's content as a view into the body bytes
 * (`Base64Bytes`) and anything else as the string it was. A 10 MiB
 * attachment then exists once (in the body) instead of three times (body,
 * JSON text, parsed string).
 */
import { Base64Bytes } from '../mail/index.js'

/** Shortest string value cut out of the body. */
export const BLOB_MIN_BYTES = 64 * 1024

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const CONTENT_KEY = new TextEncoder().encode('content')
const decoder = new TextDecoder()
/** For a string's own bytes: a leading U+FEFF is content there, not a byte order mark. */
const valueDecoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** A JSON body parsed with its long `content` strings left in the body bytes. */
export interface BlobParse {
  /** The parsed value, with a placeholder string for each long `content` string. */
  value: unknown
  /** Gives `value` (or a part of it, or what a schema made of it) its long strings back. */
  restore<T>(value: T): T
}

/** `true` when only JSON whitespace lies in `bytes[from, to)`, around one colon. */
function keySeparator(bytes: Uint8Array, from: number, to: number): boolean {
  let colons = 0
  for (let i = from; i < to; i++) {
    const b = bytes[i]!
    if (b === COLON) colons++
    else if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false
  }
  return colons === 1
}

function isContentKey(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== CONTENT_KEY.length) return false
  for (let i = 0; i < CONTENT_KEY.length; i++) if (bytes[start + i] !== CONTENT_KEY[i]) return false
  return true
}

/** The end quote of the string whose opening quote is at `open`, or -1. */
function stringEnd(bytes: Uint8Array, open: number): number {
  let q = bytes.indexOf(QUOTE, open + 1)
  while (q !== -1) {
    let slashes = 0
    while (bytes[q - 1 - slashes] === BACKSLASH) slashes++
    if (slashes % 2 === 0) return q
    q = bytes.indexOf(QUOTE, q + 1)
  }
  return -1
}

/**
 * Parses `bytes` (valid UTF-8 JSON), cutting out long `content` strings.
 *
 * @throws {SyntaxError} when the body is not valid JSON
 */
export function parseWithBlobs(bytes: Uint8Array): BlobParse {
  const blobs: Uint8Array[] = []
  const marker = `\u0000mailbridge-blob:${crypto.randomUUID()}:`
  let skeleton = ''
  let copied = 0
  let prevStart = -1
  let prevEnd = -1
  for (let open = bytes.indexOf(QUOTE); open !== -1; ) {
    const close = stringEnd(bytes, open)
    if (close === -1) break // unterminated: JSON.parse reports it
    const long = close - open - 1 >= BLOB_MIN_BYTES
    if (long && prevEnd !== -1 && isContentKey(bytes, prevStart, prevEnd) && keySeparator(bytes, prevEnd + 1, open)) {
      const end = bytes.indexOf(BACKSLASH, open + 1)
      if (end === -1 || end > close) {
        skeleton += decoder.decode(bytes.subarray(copied, open)) + JSON.stringify(marker + blobs.length)
        blobs.push(bytes.subarray(open + 1, close))
        copied = close + 1
      }
    }
    prevStart = open + 1
    prevEnd = close
    open = bytes.indexOf(QUOTE, close + 1)
  }
  if (blobs.length === 0) return { value: JSON.parse(decoder.decode(bytes)), restore: (v) => v }
  skeleton += decoder.decode(bytes.subarray(copied))
  const value: unknown = JSON.parse(skeleton)

  const blobOf = (s: string): Uint8Array | undefined => (s.startsWith(marker) ? blobs[Number(s.slice(marker.length))] : undefined)
  /** `path`: the keys from the root to `v`; an attachment's content is `…, "attachments", i, "content"`. */
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      const blob = blobOf(v)
      if (blob === undefined) return v
      const n = path.length
      const attachment = n >= 3 && path[n - 1] === 'content' && typeof path[n - 2] === 'number' && path[n - 3] === 'attachments'
      return attachment ? new Base64Bytes(blob) : valueDecoder.decode(blob)
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i], [...path, i])
    } else if (typeof v === 'object' && v !== null && !(v instanceof Base64Bytes)) {
      const o = v as Record<string, unknown>
      for (const k of Object.keys(o)) o[k] = walk(o[k], [...path, k])
    }
    return v
  }
  return { value, restore: (v) => walk(v, []) as typeof v }
}
