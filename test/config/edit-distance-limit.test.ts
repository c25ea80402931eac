import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance } from '../../src/config/suggest.js'

/** `editDistance` with a limit answers the exact distance up to it and `limit + 1` beyond it, as the unbounded count says. */
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
        const exact = editDistance(a, b)
        expect(editDistance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1)
      }),
      { numRuns: 2000 },
    )
  })
})
