/**
 * Small checks shared by the validators: characters that can never be
 * carried safely, and UTF-8 lengths without encoding.
 */

const LINE_BREAK = /[\r\n]/
const NUL = /\0/
const LONE_SURROGATE = /\p{Cs}/u
/** Any UTF-16 surrogate code unit: a cheap scan before the Unicode-aware one. */
const SURROGATE = /[\ud800-\udfff]/
/** Anything {@link unsafeCharProblem} may refuse; a paired surrogate matches too, and is then let through. */
const SUSPECT = /[\r\n\0\ud800-\udfff]/

/**
 * Describe why `value` cannot be used in a header-bound field, or return
 * `undefined` when it is fine: CR, LF and NUL are refused (never cleaned),
 * and so are unpaired UTF-16 surrogates (they have no UTF-8 form).
 */
export function unsafeCharProblem(value: string): string | undefined {
  // One scan for the common case: none of CR, LF, NUL or any surrogate (paired or not).
  if (!SUSPECT.test(value)) return undefined
  if (LINE_BREAK.test(value)) return 'contains a line break (CR or LF), which is not allowed here'
  if (NUL.test(value)) return 'contains a NUL character'
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)'
  return undefined
}

/** `true` when `value` holds an unpaired surrogate, which has no UTF-8 form. */
export function hasLoneSurrogate(value: string): boolean {
  return SURROGATE.test(value) && LONE_SURROGATE.test(value)
}

/** Length of `value` in UTF-8 octets, computed without encoding it. */
export function utf8Length(value: string): number {
  let n = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i++
      } else n += 3
    } else n += 3
  }
  return n
}

const NON_ASCII = /[^\x00-\x7f]/

/** `true` when every character of `value` is ASCII. */
export function isAscii(value: string): boolean {
  return !NON_ASCII.test(value)
}
