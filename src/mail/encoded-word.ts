/**
 * RFC 2047 encoded-words (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`).
 *
 * The whole text is encoded with whichever of B and Q is shorter, split into
 * words of at most 75 characters at character boundaries (a UTF-8 sequence is
 * never split). Whitespace between adjacent encoded-words is ignored by
 * decoders, so the words can be folded freely and the text round-trips exactly,
 * including leading, trailing and repeated spaces.
 */

/** Where the words go: `text` (unstructured, e.g. Subject) or `phrase` (display names, RFC 2047 5(3)). */
export type EncodedWordContext = 'text' | 'phrase'

/** Longest encoded-word allowed by RFC 2047. */
export const MAX_ENCODED_WORD = 75
const PREFIX_B = '=?UTF-8?B?'
const PREFIX_Q = '=?UTF-8?Q?'
const SUFFIX = '?='
/** Room for the encoded text inside one word. */
const ROOM = MAX_ENCODED_WORD - PREFIX_B.length - SUFFIX.length // 63
/** Bytes per B word: 63 chars of base64 hold 15 groups = 45 bytes. */
const B_BYTES = Math.floor(ROOM / 4) * 3

import { splitText } from './split-text.js'
import { utf8Length } from './text-checks.js'

const encoder = new TextEncoder()
const HEX = '0123456789ABCDEF'

function buildQTable(safe: RegExp): string[] {
  const t: string[] = []
  for (let b = 0; b < 256; b++) {
    const ch = String.fromCharCode(b)
    if (b === 0x20) t.push('_')
    else if (b < 0x80 && safe.test(ch)) t.push(ch)
    else t.push(`=${HEX[b >> 4]}${HEX[b & 15]}`)
  }
  return t
}

/** Q in a phrase: only letters, digits and `!*+-/` stay literal. */
const Q_PHRASE = buildQTable(/^[A-Za-z0-9!*+\-/]$/)
/** Q in unstructured text: printable ASCII except `=`, `?`, `_`. */
const Q_TEXT = buildQTable(/^[\x21-\x3c\x3e\x40-\x5e\x60-\x7e]$/)

/** Smallest first-word limit honoured: room for one 4-byte character in Q. */
const MIN_FIRST_WORD = 24

/**
 * Encode `text` as a list of RFC 2047 encoded-words, each at most 75
 * characters and each decoding to whole characters. Join them with spaces (or
 * fold between them). Returns `[]` for the empty string.
 *
 * @param firstWordMax a smaller limit for the first word, so that it fits on
 *   the header's first line (ignored when below 24)
 */
export function encodeWords(text: string, context: EncodedWordContext = 'text', firstWordMax: number = MAX_ENCODED_WORD): string[] {
  if (text === '') return []
  const first = firstWordMax >= MIN_FIRST_WORD ? Math.min(firstWordMax, MAX_ENCODED_WORD) - PREFIX_B.length - SUFFIX.length : ROOM
  const table = context === 'phrase' ? Q_PHRASE : Q_TEXT
  const bytes = encoder.encode(text)
  let qLen = 0
  for (let i = 0; i < bytes.length; i++) qLen += (table[bytes[i] as number] as string).length
  const bLen = Math.ceil(bytes.length / 3) * 4
  return qLen <= bLen ? encodeQ(text, table, first) : encodeB(text, first)
}

function encodeQ(text: string, table: string[], firstRoom: number): string[] {
  const q = (ch: string): string => {
    const c = ch.charCodeAt(0)
    if (ch.length === 1 && c < 0x80) return table[c] as string
    let enc = ''
    for (const b of encoder.encode(ch)) enc += table[b]
    return enc
  }
  return splitText(text, (ch) => q(ch).length, firstRoom, ROOM).map((chunk) => PREFIX_Q + chunk.map(q).join('') + SUFFIX)
}

function encodeB(text: string, firstRoom: number): string[] {
  const firstBytes = Math.floor(firstRoom / 4) * 3
  return splitText(text, utf8Length, firstBytes, B_BYTES).map((chunk) => PREFIX_B + base64Utf8(chunk.join('')) + SUFFIX)
}

function base64Utf8(s: string): string {
  const bytes = encoder.encode(s)
  let bin = ''
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number)
  return btoa(bin)
}
