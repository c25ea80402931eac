/**
 * MIME header parameters (`type/subtype; attr=value; …`), written so that
 * every line can be folded within 78 characters: a value that fits is an RFC
 * 2045 token or quoted-string; any other value (non-ASCII, too long, or
 * looking like an RFC 2047 encoded-word) becomes RFC 2231 `attr*=utf-8''…`,
 * split into `attr*0*=…; attr*1*=…` continuations at character boundaries.
 * The result is a list of tokens for `foldHeader`, which folds between them.
 */
import { encodeWords } from './encoded-word.js'
import { FOLD_AT } from './fold.js'
import { splitText } from './split-text.js'

/** One parameter to write. */
export interface HeaderParam {
  /** Attribute name: an RFC 2231 attribute (a token without `*`, `'` or `%`). */
  name: string
  /** The value, any Unicode text. */
  value: string
  /** RFC 2231 language tag; when set, the value is always written in the extended form. */
  language?: string | undefined
  /** Quote a value even when it is a token (mail clients expect `filename="a.pdf"`). */
  quoted?: boolean
  /**
   * Instead of RFC 2231, write a value that does not fit as RFC 2047
   * encoded-words inside a quoted string: not standard, but what readers
   * without RFC 2231 (Outlook, for `name`) understand. Use it on the header's
   * last parameter only, so that the closing quote fits the last line.
   */
  encodedWordFallback?: boolean
}

/** RFC 2045 token: such a value needs no quotes. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** RFC 2231 attr-char: kept literal in extended values. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/
const LOOKS_ENCODED = /=\?/
const encoder = new TextEncoder()
const HEX = '0123456789ABCDEF'
/** Longest token on a continuation line (` token` within 78). */
const LINE_ROOM = FOLD_AT - 1
/**
 * Fewest value characters per continuation segment. Only an attribute name too
 * long for a 78-character line gets this few; the line then holds that one
 * token (longer than 78, still far below 998).
 */
const MIN_SEGMENT = 24

/** RFC 2045 quoted-string of printable ASCII. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`
}

/** RFC 2231 percent-encoding of each ASCII character, by char code. */
const PERCENT_ASCII: string[] = []
for (let c = 0; c < 0x80; c++) {
  const ch = String.fromCharCode(c)
  PERCENT_ASCII.push(ATTR_CHAR.test(ch) ? ch : `%${HEX[c >> 4]}${HEX[c & 15]}`)
}

/** RFC 2231 percent-encoding of one character (its UTF-8 octets). */
function percent(ch: string): string {
  const c = ch.charCodeAt(0)
  if (c < 0x80) return PERCENT_ASCII[c] as string
  let enc = ''
  for (const b of encoder.encode(ch)) enc += `%${HEX[b >> 4]}${HEX[b & 15]}`
  return enc
}

/**
 * `name*=utf-8'lang'…` (RFC 2231), or continuations `name*0*=…`, `name*1*=…`
 * of at most `room` characters each when it does not fit; a character is
 * never split between segments.
 */
function extendedParams(name: string, value: string, language: string, room: number): string[] {
  const prefix = `utf-8'${language}'`
  const cost = (ch: string): number => percent(ch).length
  let encoded = ''
  for (const ch of value) encoded += percent(ch)
  const single = `${name}*=${prefix}${encoded}`
  if (single.length <= room) return [single]
  // `name*N*=` takes the name, the digits of N and three characters. Start
  // from the digits the segment count needs at best, so one split usually does.
  const fewest = Math.ceil((prefix.length + encoded.length) / Math.max(room - name.length - 4, MIN_SEGMENT))
  for (let digits = String(fewest).length; ; digits++) {
    const segment = Math.max(room - name.length - digits - 3, MIN_SEGMENT)
    const chunks = splitText(value, cost, segment - prefix.length, segment)
    if (chunks.length <= 1) return [single]
    if (chunks.length <= 10 ** digits) {
      return chunks.map((c, i) => `${name}*${i}*=${i === 0 ? prefix : ''}${c.map(percent).join('')}`)
    }
  }
}

/**
 * One parameter as a list of parameters (more than one for RFC 2231
 * continuations), each a list of space-separated tokens.
 *
 * @param room longest token allowed (77, or 76 when a `;` follows)
 */
function encodeParam(p: HeaderParam, room: number): string[][] {
  if (p.language === undefined) {
    if (!p.quoted && TOKEN.test(p.value) && p.name.length + 1 + p.value.length <= room) return [[`${p.name}=${p.value}`]]
    if (PRINTABLE_ASCII.test(p.value) && !LOOKS_ENCODED.test(p.value)) {
      const token = `${p.name}=${quote(p.value)}`
      if (token.length <= room) return [[token]]
    }
    if (p.encodedWordFallback) {
      // The first word follows `name="` and may be the last one (closing quote).
      const words = encodeWords(p.value, 'phrase', room - p.name.length - 3)
      if (words.length <= 1) return [[`${p.name}="${words[0] ?? ''}"`]]
      return [words.map((w, i) => (i === 0 ? `${p.name}="${w}` : i === words.length - 1 ? `${w}"` : w))]
    }
  }
  // Every segment but the last is followed by `;`.
  return extendedParams(p.name, p.value, p.language ?? '', LINE_ROOM - 1).map((s) => [s])
}

/**
 * Tokens of `head; p1; p2…` for `foldHeader`, which folds only between
 * tokens: each token fits a 78-character continuation line unless a single
 * attribute name is too long for one.
 *
 * @example
 * foldHeader('Content-Type', parameterTokens('text/plain', [{ name: 'charset', value: 'utf-8' }]))
 * // 'Content-Type: text/plain; charset=utf-8\r\n'
 */
export function parameterTokens(head: string, params: readonly HeaderParam[]): string[] {
  const tokens = [head]
  params.forEach((p, i) => {
    for (const written of encodeParam(p, i === params.length - 1 ? LINE_ROOM : LINE_ROOM - 1)) {
      tokens[tokens.length - 1] += ';'
      tokens.push(...written)
    }
  })
  return tokens
}
