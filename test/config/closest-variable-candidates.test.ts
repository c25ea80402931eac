import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../src/config/load.js'
import { closestVariable, editDistance } from '../../src/config/suggest.js'
import { mulberry32 } from '../core/prng.js'

/** The guess as a plain scan of every known name makes it: the first of the lowest score. */
function reference(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined
  for (const k of known) {
    if (name.length < 6 || k.length < 6) continue
    const distance = editDistance(name, k)
    const score = name.startsWith(k) || k.startsWith(name) ? Math.min(distance, 2) : distance
    if (score <= 2 && (best === undefined || score < best.score)) best = { name: k, score }
  }
  return best?.name
}

/**
 * The unknown-variable guess compares a name only with the known names it
 * could be close to (by length and characters, or one it extends); the answer
 * must be the one comparing it with every known name gives.
 */
describe('the closest known variable, looked up by length and characters', () => {
  it('answers as a scan of every known name, for misspellings, extensions, truncations and unrelated names', () => {
    const uniform = mulberry32(7)
    const random = (n: number) => Math.floor(uniform() * n)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789'
    const names: string[] = ['SMTP_PASSWORD', 'API_KEY', 'SMTP_PROT', 'HOME', 'npm_config_cache', 'PATH', 'MAILBRIDGE_CONFG', 'SMTP_TLS_CA']
    for (let i = 0; i < 3_000; i++) {
      const base = CONFIG_VARIABLES[random(CONFIG_VARIABLES.length)]!
      const chars = [...base]
      for (let edits = random(4); edits > 0; edits--) {
        const at = random(chars.length + 1)
        const kind = random(4)
        if (kind === 0) chars.splice(at, 1)
        else if (kind === 1) chars.splice(at, 0, alphabet[random(alphabet.length)]!)
        else if (kind === 2) chars[at] = alphabet[random(alphabet.length)]!
        else chars.push(...'_EXTRA'.slice(0, 1 + random(6)))
      }
      names.push(chars.join(''))
    }
    // Guesses for names that are not known names themselves: the lookup had to find them.
    let guessed = 0
    for (const name of names) {
      const expected = reference(name, CONFIG_VARIABLES)
      if (expected !== undefined && expected !== name) guessed++
      expect(closestVariable(name, CONFIG_VARIABLES), name).toBe(expected)
    }
    expect(guessed).toBeGreaterThan(1_000)
  })
})
