import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance } from '../../src/config/suggest.js'

/** The plain count, a full matrix: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** `editDistance` with a limit answers the exact distance up to it and `limit + 1` beyond it, as a plain full-matrix count says. */
describe('editDistance with a limit', () => {
  it('counts swaps of neighbours as one edit', () => {
    expect(editDistance('SMTP_PROT', 'SMTP_PORT')).toBe(1)
    expect(editDistance('SMTP_PROT', 'SMTP_PORT', 2)).toBe(1)
    expect(editDistance('PATH', 'SMTP_HOST', 2)).toBe(3)
  })

  it('agrees with the unbounded distance up to the limit, and is limit + 1 past it', () => {
    const name = fc.string({ unit: fc.constantFrom('A', 'B', 'C', '_'), maxLength: 10 })
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        const exact = reference(a, b)
        expect(editDistance(a, b)).toBe(exact)
        expect(editDistance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1)
      }),
      { numRuns: 2000 },
    )
  })

  it('answers the same for names longer than the rows it started with, and for short ones after them', () => {
    const long = `SMTP_${'X'.repeat(80)}`
    expect(editDistance(`${long}AB`, `${long}BA`, 2)).toBe(1)
    expect(editDistance(`${long}AB`, `${long}BA`)).toBe(reference(`${long}AB`, `${long}BA`))
    expect(editDistance('SMTP_PROT', 'SMTP_PORT', 2)).toBe(1)
  })
})
