/**
 * Header folding (RFC 5322 2.2.3): a line break is inserted before the space
 * that separates two tokens, so unfolding (removing the CRLF) restores the
 * value. Tokens are never split, so callers must keep them short (encoded-words
 * are at most 75 characters; addresses at most 254 octets).
 */

/** Preferred line length (RFC 5322 2.1.1 SHOULD). */
export const FOLD_AT = 78
/** Hard line length limit, excluding CRLF (RFC 5322 2.1.1 MUST). */
export const MAX_LINE = 998

/**
 * Render `Name: token token…\r\n`, folding before a token whenever the line
 * would pass `limit` characters. Tokens are separated by one space. With no
 * tokens the result is `Name:\r\n`.
 *
 * @example
 * foldHeader('Subject', ['=?UTF-8?B?5L2g?=', '=?UTF-8?B?5aW9?=']) // 'Subject: =?UTF-8?B?5L2g?= =?UTF-8?B?5aW9?=\r\n'
 */
export function foldHeader(name: string, tokens: readonly string[], limit: number = FOLD_AT): string {
  if (tokens.length === 0) return `${name}:\r\n`
  let out = `${name}:`
  let lineLen = out.length
  let first = true // the first token stays on the first line, however long
  for (const token of tokens) {
    if (!first && lineLen + 1 + token.length > limit) {
      out += '\r\n ' + token
      lineLen = 1 + token.length
    } else {
      out += ' ' + token
      lineLen += 1 + token.length
    }
    first = false
  }
  return out + '\r\n'
}

/** Longest first token that keeps `Name: token` within the preferred line length. */
export function firstTokenRoom(name: string, limit: number = FOLD_AT): number {
  return limit - name.length - 2
}
