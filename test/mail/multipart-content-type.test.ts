import { describe, expect, it } from 'vitest'
import { createBoundary } from '../../src/mail/boundary.js'
import { multipartContentType } from '../../src/mail/compose.js'
import { foldHeader } from '../../src/mail/fold.js'
import { parameterTokens, type HeaderParam } from '../../src/mail/parameters.js'

const SUBTYPES = ['mixed', 'alternative', 'related'] as const

/** The field folded from its parameters, as every other Content-Type is. */
function folded(subtype: (typeof SUBTYPES)[number], boundary: string): string {
  const params: HeaderParam[] = subtype === 'related' ? [{ name: 'type', value: 'text/html' }] : []
  params.push({ name: 'boundary', value: boundary, quoted: true })
  return foldHeader('Content-Type', parameterTokens(`multipart/${subtype}`, params))
}

describe('the Content-Type of a multipart', () => {
  it.each(SUBTYPES)('is the folded field for every boundary createBoundary makes: %s', (subtype) => {
    for (let i = 0; i < 50; i++) {
      const boundary = createBoundary((n) => crypto.getRandomValues(new Uint8Array(n)))
      expect(multipartContentType(subtype, boundary)).toBe(folded(subtype, boundary))
    }
  })
  it.each(SUBTYPES)('is the folded field for a boundary of another length or other characters too: %s', (subtype) => {
    // Shorter, longer, and as long but with characters that change the quoting.
    for (const boundary of ['=_short', `=_mb_${'a'.repeat(60)}`, `=_mb_${'"'.repeat(32)}`, `=_mb_=?${'0'.repeat(30)}`]) {
      expect(multipartContentType(subtype, boundary)).toBe(folded(subtype, boundary))
    }
  })
  it('folds the boundary onto a line of its own where the first line has no room', () => {
    expect(multipartContentType('alternative', `=_mb_${'0'.repeat(32)}`)).toBe(`Content-Type: multipart/alternative;\r\n boundary="=_mb_${'0'.repeat(32)}"\r\n`)
  })
})
