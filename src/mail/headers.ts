/**
 * Message header values: Date, Message-ID, unstructured text (Subject and
 * custom headers) and the rules for caller-supplied header names.
 */
import { encodeWords } from './encoded-word.js'
import { unsafeCharProblem } from './text-checks.js'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/**
 * RFC 5322 3.3 date-time with a numeric zone, in UTC.
 *
 * @example
 * formatDate(new Date(Date.UTC(2026, 10, 27, 7, 2, 3))) // 'Fri, 27 Nov 2026 07:02:03 +0000'
 */
export function formatDate(date: Date): string {
  // Every message composed within the same second has the same Date: made once.
  const second = Math.floor(date.getTime() / 1000)
  if (second === lastSecond) return lastDate
  lastDate =
    `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} +0000`
  lastSecond = second
  return lastDate
}

/** The second {@link formatDate} last formatted, and its text. */
let lastSecond = NaN
let lastDate = ''

const HEX = '0123456789abcdef'
/** Each byte's two hex digits. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => `${HEX[b >> 4]}${HEX[b & 15]}`)

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += HEX_PAIRS[bytes[i]!]!
  return s
}

/** Random bits in a Message-ID's left part: unguessable, as RFC 5322 3.6.4 asks for uniqueness. */
export const MESSAGE_ID_BYTES = 18

/**
 * A new Message-ID, `<random@domain>`, with 144 random bits.
 *
 * @param domain the sender's ASCII domain (or address literal)
 */
export function createMessageId(domain: string, randomBytes: (n: number) => Uint8Array): string {
  return `<${toHex(randomBytes(MESSAGE_ID_BYTES))}@${domain}>`
}

/** Why a field name is refused in `headers`, as the end of "\"Name\" … and cannot be given in headers". */
const WHY = {
  generated: 'is set by mailbridge',
  identity: 'names a sender or envelope address that the sender policy does not check',
  trace: 'is a trace or authentication field, which only mail servers add',
} as const

type Reason = keyof typeof WHY

/**
 * Refused field names (lower case) and why. Requests for receipts
 * (`Disposition-Notification-To`, `Return-Receipt-To`) stay allowed: they ask
 * the recipient for something and claim no identity.
 */
const RESERVED = new Map<string, Reason>([
  ['from', 'generated'],
  ['to', 'generated'],
  ['cc', 'generated'],
  ['bcc', 'generated'],
  ['subject', 'generated'],
  ['date', 'generated'],
  ['message-id', 'generated'],
  ['mime-version', 'generated'],
  ['reply-to', 'generated'],
  ['sender', 'identity'],
  ['return-path', 'trace'],
  ['received', 'trace'],
  ['envelope-from', 'identity'],
  ['x-sender', 'identity'],
  ['x-original-from', 'identity'],
  ['errors-to', 'identity'],
  ['delivered-to', 'trace'],
  ['received-spf', 'trace'],
  ['authentication-results', 'trace'],
  ['dkim-signature', 'trace'],
])

/**
 * Refused field name prefixes (lower case): `Content-*` (the MIME structure is
 * the composer's), `Resent-*` (RFC 5322 3.6.6 resent identity and trace
 * blocks) and `ARC-*` (RFC 8617 authentication chain seals).
 */
const RESERVED_PREFIXES: readonly (readonly [string, Reason])[] = [
  ['content-', 'generated'],
  ['resent-', 'identity'],
  ['arc-', 'trace'],
]

/**
 * Field names a caller may not set through `headers`, in lower case: mailbridge
 * generates them, mail servers add them in transit, or they name a sender the
 * sender policy does not check. Names starting with one of
 * {@link RESERVED_HEADER_PREFIXES} are refused too; {@link isReservedHeader} checks both.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set(RESERVED.keys())

/** Field name prefixes (lower case) a caller may not use in `headers`: `content-`, `resent-`, `arc-`. */
export const RESERVED_HEADER_PREFIXES: readonly string[] = RESERVED_PREFIXES.map(([p]) => p)

function reservedReason(name: string): Reason | undefined {
  const lower = name.toLowerCase()
  return RESERVED.get(lower) ?? RESERVED_PREFIXES.find(([p]) => lower.startsWith(p))?.[1]
}

/** `true` when `name` (any letter case) is in {@link RESERVED_HEADERS} or starts with one of {@link RESERVED_HEADER_PREFIXES}. */
export function isReservedHeader(name: string): boolean {
  return reservedReason(name) !== undefined
}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/
/** Longest custom header name accepted, so that `Name: ` always fits a 78-character line. */
export const MAX_HEADER_NAME = 76

/** Why `name` cannot be a custom header, or `undefined` when it can. */
export function customHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'header name is empty'
  if (!FIELD_NAME.test(name)) {
    return 'header name must be printable ASCII (33–126) without spaces or ":" (RFC 5322 field name)'
  }
  if (name.length > MAX_HEADER_NAME) return `header name is longer than ${MAX_HEADER_NAME} characters`
  const reason = reservedReason(name)
  if (reason !== undefined) return `"${name}" ${WHY[reason]} and cannot be given in headers`
  return undefined
}

/** Why `value` cannot be a header value, or `undefined` when it can. */
export function customHeaderValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'header value must be a string'
  const p = unsafeCharProblem(value)
  return p ? `header value ${p}` : undefined
}

/** Plain ASCII words separated by single spaces, no leading or trailing space. */
const PLAIN_TEXT = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/
const LOOKS_ENCODED = /=\?/
/** Options for {@link unstructuredTokens}. */
export interface UnstructuredOptions {
  /** Limit for the first encoded-word, so it fits the header's first line. */
  firstWordMax?: number
  /**
   * Longest word kept raw; a longer one makes the whole value encoded so it can
   * be folded. Default 998 (the hard limit): right for custom headers, which may
   * be structured (`List-Unsubscribe: <https://…>`) and must then not be encoded.
   */
  maxRawWord?: number
}

/**
 * Tokens for an unstructured header value (RFC 5322 3.2.5), ready for folding.
 * Plain ASCII with single spaces is kept as is; anything else (non-ASCII,
 * control characters, repeated or edge spaces, text that looks like an
 * encoded-word, words longer than `maxRawWord`) becomes RFC 2047
 * encoded-words, which round-trip exactly.
 */
export function unstructuredTokens(value: string, { firstWordMax, maxRawWord = 998 }: UnstructuredOptions = {}): string[] {
  if (value === '') return []
  if (PLAIN_TEXT.test(value) && !LOOKS_ENCODED.test(value)) {
    const words = value.split(' ')
    if (words.every((w) => w.length <= maxRawWord)) return words
  }
  return encodeWords(value, 'text', firstWordMax)
}
