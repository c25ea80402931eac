/**
 * An attachment's `content_type`, parsed as an RFC 2045 media type:
 * `type/subtype` tokens, then `;`-separated `attribute=value` parameters whose
 * values are tokens or quoted-strings, with RFC 2231 extended values and
 * continuations (`title*=utf-8''…`, `title*0*=…; title*1="…"`) decoded.
 *
 * The parameters come back as values, never as the caller's text: the
 * composer writes them again (parameters.ts), folded within the line limits.
 * `name` and `filename` parameters, in any form, are dropped: the composer
 * writes them from the attachment's `filename`, and a second, different
 * `name` would let the two disagree about what the file is called.
 */
import type { HeaderParam } from './parameters.js'

/** A parsed content type. */
export interface MediaType {
  /** `type/subtype`, as the caller wrote it. */
  essence: string
  /** Parameters in the caller's order, RFC 2231 forms decoded, `name` and `filename` left out. */
  params: readonly HeaderParam[]
}

/** Result of {@link parseMediaType}: the media type, or what is wrong with it. */
export type MediaTypeResult = { ok: true; mediaType: MediaType } | { ok: false; message: string }

/** Most parameters accepted in one content type (each RFC 2231 section counts as one). */
export const MAX_CONTENT_TYPE_PARAMS = 16
/** Longest type, subtype or parameter name: 127 characters (RFC 6838 4.2). */
export const MAX_CONTENT_TYPE_NAME = 127

const SPACE = /[ \t]*/y
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y
/** RFC 2045 quoted-string of printable ASCII, with quoted-pairs. */
const QUOTED = /"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*)"/y
/** RFC 2231 parameter name: attribute, optional section number, optional extended marker. */
const ATTRIBUTE = /^([A-Za-z0-9!#$&+\-.^_`|~]+)(?:\*(0|[1-9][0-9]*))?(\*)?$/
/** RFC 2231 initial extended value: charset'language'percent-encoded. */
const INITIAL_VALUE = /^([^']*)'([^']*)'(.*)$/
const PERCENT_ENCODED = /^(?:[^%]|%[0-9A-Fa-f]{2})*$/
const LANGUAGE = /^(?:[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,7})?$/
/** Charsets decoded in RFC 2231 values ('' leaves it unnamed: taken as US-ASCII). */
const CHARSETS = new Set(['utf-8', 'us-ascii', ''])
/** Parameters the attachment's `filename` owns. */
const FILENAME_PARAMS = new Set(['name', 'filename'])
/** Composite types that cannot be sent base64-encoded (RFC 2046 5, RFC 2045 6.4). */
const NOT_BASE64_ABLE = /^(?:multipart\/.*|message\/(?:rfc822|partial|external-body))$/i
/** Strict UTF-8 that keeps a leading U+FEFF (part of the value, not a byte order mark). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

const SYNTAX = 'content_type must be "type/subtype" with optional "; attribute=value" parameters (RFC 2045)'

/** One parameter as written: `attr`, `attr*`, `attr*N` or `attr*N*`. */
interface RawParam {
  attribute: string
  section: number | undefined
  extended: boolean
  value: string
}

/** `text` JSON-quoted for a message, at most 40 characters of it. */
function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

/** Thrown inside the parser and turned into a `{ ok: false }` result. */
class ContentTypeError extends Error {}

/**
 * Parse `value` as an attachment's content type.
 *
 * @example
 * parseMediaType('text/plain; charset="utf-8"; name=x.exe')
 * // { ok: true, mediaType: { essence: 'text/plain', params: [{ name: 'charset', value: 'utf-8' }] } }
 */
export function parseMediaType(value: string): MediaTypeResult {
  try {
    const { essence, raw } = scan(value.trim())
    if (NOT_BASE64_ABLE.test(essence)) {
      return { ok: false, message: `content_type "${essence}" cannot be sent base64-encoded as an attachment; use application/octet-stream` }
    }
    return { ok: true, mediaType: { essence, params: combine(raw) } }
  } catch (e) {
    if (e instanceof ContentTypeError) return { ok: false, message: e.message }
    throw e
  }
}

/** Split `s` into its essence and parameters as written. */
function scan(s: string): { essence: string; raw: RawParam[] } {
  let pos = 0
  const fail = (detail: string): never => {
    throw new ContentTypeError(`${SYNTAX}; ${detail}`)
  }
  const read = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos
    const m = re.exec(s)
    if (m) pos = re.lastIndex
    return m
  }
  const at = (): string => (pos < s.length ? `${JSON.stringify(s[pos])} at character ${pos + 1}` : 'the end')
  const checkLength = (what: string, text: string): void => {
    if (text.length > MAX_CONTENT_TYPE_NAME) fail(`${what} is ${text.length} characters; the limit is ${MAX_CONTENT_TYPE_NAME} (RFC 6838)`)
  }
  const name = (what: string): string => {
    const m = read(TOKEN)
    if (!m) return fail(`expected ${what}, found ${at()}`)
    return m[0]
  }

  const type = name('a type')
  checkLength('the type', type)
  read(SPACE)
  if (s[pos] !== '/') fail(`expected "/" after the type, found ${at()}`)
  pos++
  read(SPACE)
  const subtype = name('a subtype')
  checkLength('the subtype', subtype)
  const essence = `${type}/${subtype}`
  const raw: RawParam[] = []
  for (;;) {
    read(SPACE)
    if (pos === s.length) return { essence, raw }
    if (s[pos] !== ';') fail(`expected ";" before ${at()}`)
    pos++
    if (raw.length === MAX_CONTENT_TYPE_PARAMS) {
      throw new ContentTypeError(`content_type has more than ${MAX_CONTENT_TYPE_PARAMS} parameters; at most ${MAX_CONTENT_TYPE_PARAMS} are accepted`)
    }
    read(SPACE)
    const written = name('a parameter name')
    const a = ATTRIBUTE.exec(written)
    if (!a) return fail(`${shown(written)} is not a parameter name ("*", "'" and "%" appear only in the RFC 2231 endings "*", "*N" and "*N*")`)
    checkLength('a parameter name', a[1] as string)
    read(SPACE)
    if (s[pos] !== '=') fail(`expected "=" after parameter "${written}", found ${at()}`)
    pos++
    read(SPACE)
    const token = read(TOKEN)
    let v: string
    if (token) v = token[0]
    else {
      const q = read(QUOTED)
      if (!q) {
        if (s[pos] !== '"') return fail(`parameter "${written}" has no value (a token or a quoted string) at ${at()}`)
        return fail(`the quoted value of "${written}" is not closed, or holds a character other than printable ASCII (write other text as ${a[1]}*=utf-8''percent-encoded, RFC 2231)`)
      }
      v = (q[1] as string).replace(/\\(.)/g, '$1')
    }
    raw.push({ attribute: a[1] as string, section: a[2] === undefined ? undefined : Number(a[2]), extended: a[3] !== undefined, value: v })
  }
}

/** Join RFC 2231 sections, decode extended values, and drop what `filename` owns. */
function combine(raw: readonly RawParam[]): HeaderParam[] {
  const groups = new Map<string, RawParam[]>()
  for (const p of raw) {
    const key = p.attribute.toLowerCase()
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [p])
    else {
      const clash = group.find((q) => q.section === p.section || q.section === undefined || p.section === undefined)
      if (clash) throw new ContentTypeError(`content_type gives parameter "${p.attribute}" more than once`)
      group.push(p)
    }
  }
  const out: HeaderParam[] = []
  for (const [key, group] of groups) {
    if (FILENAME_PARAMS.has(key)) continue
    out.push(decodeGroup(group))
  }
  return out
}

/** The value of one parameter from its written sections (one when it has no section number). */
function decodeGroup(group: RawParam[]): HeaderParam {
  const first = group[0] as RawParam
  const name = first.attribute
  const sections = [...group].sort((a, b) => (a.section ?? 0) - (b.section ?? 0))
  sections.forEach((p, i) => {
    if ((p.section ?? 0) !== i) throw new ContentTypeError(`content_type parameter "${name}" is missing its RFC 2231 section ${i}`)
  })
  const head = sections[0] as RawParam
  if (!head.extended) {
    if (sections.some((p) => p.extended)) {
      throw new ContentTypeError(`content_type parameter "${name}": section 0 must be extended ("${name}*0*=charset'language'…") when a later section is`)
    }
    return { name, value: sections.map((p) => p.value).join('') }
  }
  const m = INITIAL_VALUE.exec(head.value)
  if (!m) throw new ContentTypeError(`content_type parameter "${name}": an RFC 2231 extended value starts with charset'language'`)
  const charset = (m[1] as string).toLowerCase()
  const language = m[2] as string
  if (!CHARSETS.has(charset)) throw new ContentTypeError(`content_type parameter "${name}": charset "${m[1]}" is not supported; use utf-8`)
  if (!LANGUAGE.test(language)) throw new ContentTypeError(`content_type parameter "${name}": "${language}" is not a language tag`)
  const bytes: number[] = []
  sections.forEach((p, i) => {
    const text = i === 0 ? (m[3] as string) : p.value
    if (!p.extended) {
      for (let j = 0; j < text.length; j++) bytes.push(text.charCodeAt(j))
      return
    }
    if (!PERCENT_ENCODED.test(text)) throw new ContentTypeError(`content_type parameter "${name}": "%" must be followed by two hex digits`)
    for (let j = 0; j < text.length; j++) {
      if (text[j] === '%') {
        bytes.push(parseInt(text.slice(j + 1, j + 3), 16))
        j += 2
      } else bytes.push(text.charCodeAt(j))
    }
  })
  if (charset !== 'utf-8' && bytes.some((b) => b > 0x7f)) {
    throw new ContentTypeError(`content_type parameter "${name}" is not US-ASCII; declare utf-8`)
  }
  let value: string
  try {
    value = utf8.decode(Uint8Array.from(bytes))
  } catch {
    throw new ContentTypeError(`content_type parameter "${name}" is not valid UTF-8 once percent-decoded`)
  }
  return { name, value, language: language === '' ? undefined : language }
}
