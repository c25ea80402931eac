/** Most fields and files one form post may carry together. */
export const MAX_FORM_PARTS = 100

/** Most files (attachments) one form post may carry; empty files are left out before counting. */
export const MAX_FORM_FILES = 10

const encoder = new TextEncoder()

/** Where `needle` occurs in `haystack`, counted without overlaps (a plain byte scan). */
function occurrences(haystack: Uint8Array, needle: Uint8Array, stopAfter: number): number {
  let count = 0
  const first = needle[0]
  outer: for (let i = haystack.indexOf(first!); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    if (++count > stopAfter) return count
    i += needle.length - 1
  }
  return count
}

/**
 * How many parts (fields and files) a form body holds, counted on the raw
 * bytes before anything parses them, so a post of 100,000 tiny parts is
 * refused without the cost of parsing it. Counts stop just past `limit`.
 */
export function countFormParts(contentType: string | undefined, body: Uint8Array, limit = MAX_FORM_PARTS): number {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]
  if (/^multipart\/form-data/i.test(contentType ?? '') && boundary !== undefined) {
    // Each part starts with --boundary; the closing --boundary-- is one more.
    return Math.max(0, occurrences(body, encoder.encode(`--${boundary}`), limit + 1) - 1)
  }
  if (body.length === 0) return 0
  return occurrences(body, encoder.encode('&'), limit) + 1
}
