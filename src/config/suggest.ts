/** Edit distance between two names (insertions, deletions, substitutions and swaps of neighbours each cost 1). */
export function editDistance(a: string, b: string): number {
  // Three rolling rows (the swap looks two rows back) instead of a whole matrix:
  // every environment variable is compared with every known name at each start.
  const cols = b.length + 1
  let before = new Uint16Array(cols)
  let previous = Uint16Array.from({ length: cols }, (_, j) => j)
  let current = new Uint16Array(cols)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1)
      current[j] = best
    }
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[b.length]!
}

/** Prefixes only mailbridge's variables use: an unknown name with one of them is a misspelling, not another program's. */
const OWN_PREFIXES = ['SMTP_', 'MAILBRIDGE_']

/**
 * The variable `name` was probably meant to be, or undefined: a known name it
 * extends or shortens (`SMTP_PASSWORD` → `SMTP_PASS`, `API_KEY` → `API_KEYS`),
 * or one within two edits (`SMTP_PROT` → `SMTP_PORT`). Names under six
 * characters are never guessed at: `HOME` is not a misspelt `HOST`.
 */
export function closestVariable(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined
  for (const k of known) {
    if (name.length < 6 || k.length < 6) continue
    const extends_ = name.startsWith(k) || k.startsWith(name)
    // Names whose lengths differ by more than two are more than two edits apart: no need to count them.
    const gap = Math.abs(name.length - k.length)
    const distance = gap > 2 ? gap : editDistance(name, k)
    const score = extends_ ? Math.min(distance, 2) : distance
    if (score <= 2 && (best === undefined || score < best.score)) best = { name: k, score }
  }
  return best?.name
}

/**
 * Warnings for environment variables that look meant for mailbridge but are
 * not its own: any name with its prefixes, and names close to a known one.
 * Names only, never values.
 *
 * @example
 * ```ts
 * misspeltVariables(['SMTP_PASSWORD', 'PATH'], CONFIG_VARIABLES)
 * // ['SMTP_PASSWORD is not a mailbridge variable; did you mean SMTP_PASS?']
 * ```
 */
export function misspeltVariables(names: readonly string[], known: readonly string[]): string[] {
  const knownSet = new Set(known)
  return names
    .filter((n) => !knownSet.has(n))
    .map((n) => ({ n, guess: closestVariable(n, known) }))
    .filter(({ n, guess }) => guess !== undefined || OWN_PREFIXES.some((p) => n.startsWith(p)))
    .sort((a, b) => a.n.localeCompare(b.n))
    .map(({ n, guess }) => `${n} is not a mailbridge variable${guess ? `; did you mean ${guess}?` : ' (ignored)'}`)
}
