/** The three rows of {@link editDistance}, reused from call to call (allocating them per pair was most of its cost). */
let scratch: Uint16Array[] = [new Uint16Array(64), new Uint16Array(64), new Uint16Array(64)]

/**
 * Edit distance between two names (insertions, deletions, substitutions and
 * swaps of neighbours each cost 1); `limit + 1` for any distance above `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Every environment variable is compared with every known name at each start: three
  // rolling rows (a swap looks two rows back), only the cells within `limit` of the
  // diagonal, and a stop at the first row wholly above `limit` (no later row comes back under it).
  const cols = b.length + 1
  const cap = Math.min(limit + 1, 0xffff)
  if (Math.abs(a.length - b.length) > limit) return cap
  if (scratch[0]!.length < cols) scratch = [new Uint16Array(cols), new Uint16Array(cols), new Uint16Array(cols)]
  let [before, previous, current] = scratch as [Uint16Array, Uint16Array, Uint16Array]
  before.fill(cap, 0, cols)
  for (let j = 0; j < cols; j++) previous[j] = Math.min(j, cap)
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit)
    const to = Math.min(cols - 1, i + limit)
    current[from - 1] = from === 1 ? Math.min(i, cap) : cap
    if (to + 1 < cols) current[to + 1] = cap
    let rowBest = from === 1 ? current[0]! : cap
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, cap)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1)
      current[j] = best
      if (best < rowBest) rowBest = best
    }
    if (rowBest > limit) return cap
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[b.length]!
}

/** Prefixes only mailbridge's variables use: an unknown name with one of them is a misspelling, not another program's. */
const OWN_PREFIXES = ['SMTP_', 'MAILBRIDGE_']

/** Known names, each with its {@link charBits}. */
interface KnownIndex {
  names: readonly string[]
  bits: Int32Array
}

/** The characters of `name` as bits (bit = char code & 31; sharing a bit only makes names look closer). */
function charBits(name: string): number {
  let bits = 0
  for (let i = 0; i < name.length; i++) bits |= 1 << (name.charCodeAt(i) & 31)
  return bits
}

/** How many bits of `a` are not in `b`. */
function bitsOutside(a: number, b: number): number {
  let v = a & ~b
  v -= (v >>> 1) & 0x55555555
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function indexKnown(known: readonly string[]): KnownIndex {
  return { names: known, bits: Int32Array.from(known, charBits) }
}

/**
 * {@link closestVariable} over an index. Edits are counted only against the
 * known names `name` could be close to: one it extends or shortens, or one
 * within two characters of its length with at most two characters the
 * other lacks (two edits bring in no more).
 */
function closestIn({ names, bits }: KnownIndex, name: string): string | undefined {
  if (name.length < 6) return undefined
  const own = charBits(name)
  let best: { name: string; score: number } | undefined
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!
    if (k.length < 6) continue
    const extends_ = name.startsWith(k) || k.startsWith(name)
    if (!extends_ && (Math.abs(k.length - name.length) > 2 || bitsOutside(own, bits[i]!) > 2 || bitsOutside(bits[i]!, own) > 2)) continue
    const distance = editDistance(name, k, 2)
    const score = extends_ ? Math.min(distance, 2) : distance
    if (score <= 2 && (best === undefined || score < best.score)) best = { name: k, score }
  }
  return best?.name
}

/**
 * The variable `name` was probably meant to be, or undefined: a known name it
 * extends or shortens (`SMTP_PASSWORD` → `SMTP_PASS`, `API_KEY` → `API_KEYS`),
 * or one within two edits (`SMTP_PROT` → `SMTP_PORT`). Names under six
 * characters are never guessed at: `HOME` is not a misspelt `HOST`. Of
 * equally close names, the first in `known`.
 */
export function closestVariable(name: string, known: readonly string[]): string | undefined {
  return closestIn(indexKnown(known), name)
}

/**
 * Warnings for environment variables that look meant for mailbridge but are
 * not its own: any name with its prefixes, and names close to a known one.
 * Names only, never values. Every start checks every variable of the
 * environment: each is compared only with the known names it could be close to.
 *
 * @example
 * ```ts
 * misspeltVariables(['SMTP_PASSWORD', 'PATH'], CONFIG_VARIABLES)
 * // ['SMTP_PASSWORD is not a mailbridge variable; did you mean SMTP_PASS?']
 * ```
 */
export function misspeltVariables(names: readonly string[], known: readonly string[]): string[] {
  const knownSet = new Set(known)
  const index = indexKnown(known)
  return names
    .filter((n) => !knownSet.has(n))
    .map((n) => ({ n, guess: closestIn(index, n) }))
    .filter(({ n, guess }) => guess !== undefined || OWN_PREFIXES.some((p) => n.startsWith(p)))
    .sort((a, b) => a.n.localeCompare(b.n))
    .map(({ n, guess }) => `${n} is not a mailbridge variable${guess ? `; did you mean ${guess}?` : ' (ignored)'}`)
}
