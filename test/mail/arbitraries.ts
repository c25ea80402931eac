/** fast-check generators of request fields, shared by the property tests. */
import fc from 'fast-check'

/** Characters that stress quoting, encoding and whitespace handling. */
export const tricky = fc.constantFrom(' ', ' ', 'a', 'Z', '"', '\\', ',', '=', '?', '_', '\t', 'é', '😀', '<', '>', '@', '(', ')', ';', ':', '.', '=?', '?=', '\ufeff', '𐀀')
/**
 * postal-mime decodes each encoded-word with a default TextDecoder, which drops
 * a U+FEFF at the very start of a value; nothing an encoder does can keep it
 * (splits elsewhere are kept off U+FEFF). Such values are left out.
 */
export const noLeadingBom = (s: string) => !s.startsWith('\ufeff')
/** Any Unicode text without CR, LF or NUL (which header fields refuse). */
export const headerText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200, size: 'large' }).filter((s) => !/[\r\n\0]/.test(s)),
  fc.string({ unit: tricky, maxLength: 100 }),
).filter(noLeadingBom)
/** Filenames: any Unicode without control characters (refused), not empty. */
export const filename = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 120, size: 'large' }),
  fc.string({ unit: tricky, minLength: 1, maxLength: 80 }),
).filter((s) => !/[\x00-\x1f\x7f]/.test(s) && noLeadingBom(s))
/** Bodies: any Unicode, including control characters and every kind of line break. */
export const body = fc.string({ unit: 'binary', minLength: 1, maxLength: 2000, size: 'large' })
export const mixedBody = fc.array(fc.oneof(body, fc.constantFrom('\r\n', '\n', '\r', '.', 'From ', ' ', '\t', 'x'.repeat(1200))), { maxLength: 8 }).map((a) => a.join('') || 'x')

const TOKEN_CHARS = [..."!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"]
/** RFC 2231 attribute characters: token characters without `*`, `'` and `%`. */
const ATTR_CHARS = TOKEN_CHARS.filter((c) => !"*'%".includes(c))
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i))

/** A run of one character, long enough to need folding (or to pass 998 unfolded). */
const longRun = (chars: readonly string[]) =>
  fc.tuple(fc.constantFrom(...chars), fc.integer({ min: 70, max: 5000 })).map(([c, n]) => c.repeat(n))
const stringOf = (chars: readonly string[], maxLength: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength }) }, { weight: 1, arbitrary: longRun(chars) })

/** Type, subtype or parameter name: usually short, sometimes at the 127-character limit. */
const mediaName = (chars: readonly string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 127 }).map((n) => 'n'.repeat(n)) })

const encoder = new TextEncoder()
/** RFC 2231 percent-encoding of any text (lone surrogates become U+FFFD). */
function percentEncode(s: string): string {
  let out = ''
  for (const b of encoder.encode(s)) {
    const c = String.fromCharCode(b)
    out += b < 0x80 && ATTR_CHARS.includes(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}
const quoted = (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`

/** One parameter as written: `attr=value` (token, quoted-string, RFC 2231 extended or continuations), as one or more `;` items. */
const parameterFor = (attr: string) =>
  fc.oneof(
    stringOf(TOKEN_CHARS, 40).map((v) => [`${attr}=${v}`]),
    stringOf(PRINTABLE, 60).map((v) => [`${attr}=${quoted(v)}`]),
    fc.tuple(fc.constantFrom('', 'en', 'zh-Hans'), fc.oneof(headerText, longRun(['é', '长', '😀', ' ']))).map(([lang, v]) => [`${attr}*=utf-8'${lang}'${percentEncode(v)}`]),
    fc.array(stringOf(PRINTABLE, 30), { minLength: 1, maxLength: 3 }).map((vs) => vs.map((v, i) => `${attr}*${i}=${quoted(v)}`)),
  )

/** Whitespace the parser accepts around ";" and "=". */
const space = fc.constantFrom('', ' ', '  ', '\t')

/**
 * Content types that parse: distinct parameter names (`name` and `filename`
 * among them, which are dropped), at most 16 written parameters, values from
 * a few characters to thousands, names up to 127 characters.
 */
export const validContentType = fc
  .tuple(
    mediaName(TOKEN_CHARS).filter((t) => !/^(?:multipart|message)$/i.test(t)),
    mediaName(TOKEN_CHARS),
    fc.uniqueArray(fc.oneof(fc.constantFrom('charset', 'name', 'filename', 'Name', 'title', 'format'), mediaName(ATTR_CHARS)), {
      maxLength: 6,
      selector: (a) => a.toLowerCase(),
    }),
    space,
  )
  .chain(([type, subtype, attrs, sp]) =>
    (attrs.length === 0 ? fc.constant([] as string[][]) : fc.tuple(...attrs.map(parameterFor))).map((params) => `${type}/${subtype}${params.flat().map((p) => `;${sp}${p}`).join('')}`),
  )

/** Any content type: mostly ones that parse, some arbitrary text (refused or not). */
export const contentType = fc.oneof(
  { weight: 4, arbitrary: validContentType },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...PRINTABLE, ...TOKEN_CHARS, ';', '=', '/', '"', '*', "'", '%', 'é'), maxLength: 200 }) },
  { weight: 1, arbitrary: validContentType.map((t) => t.replace(/;/g, ';;')) },
)
