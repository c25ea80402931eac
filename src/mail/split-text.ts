/**
 * Split text into chunks at character (code point) boundaries, by a cost per
 * character, for encoded-words and RFC 2231 continuations.
 *
 * A chunk never starts with U+FEFF when that can be avoided: decoders that
 * decode each chunk on its own with a default `TextDecoder` (postal-mime does)
 * strip a leading BOM, so one is moved together with the character before it.
 */

const BOM = '\ufeff'

/**
 * Chunks of `text` whose costs add up to at most `firstLimit` (first chunk)
 * and `limit` (the others). Each character is one element; join a chunk to
 * get its text. A single character over the limit still gets a chunk.
 */
export function splitText(text: string, cost: (ch: string) => number, firstLimit: number, limit: number): string[][] {
  const chunks: string[][] = []
  let cur: string[] = []
  let used = 0
  let max = firstLimit
  for (const ch of text) {
    const c = cost(ch)
    if (used + c > max && cur.length > 0) {
      let k = cur.length
      while (k > 1 && (k === cur.length ? ch : cur[k]) === BOM) k--
      let moved = cur.slice(k)
      let movedCost = moved.reduce((n, m) => n + cost(m), 0)
      if (movedCost + c > limit) {
        moved = []
        movedCost = 0
        k = cur.length
      }
      chunks.push(cur.slice(0, k))
      cur = moved
      used = movedCost
      max = limit
    }
    cur.push(ch)
    used += c
  }
  if (cur.length > 0) chunks.push(cur)
  return chunks
}
