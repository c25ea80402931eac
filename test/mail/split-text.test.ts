import { describe, expect, it } from 'vitest'
import { encodeWords } from '../../src/mail/encoded-word.js'
import { splitText } from '../../src/mail/split-text.js'

const one = () => 1

describe('splitting text into words', () => {
  it('respects the first and later limits, by code point', () => {
    expect(splitText('abcdefg', one, 2, 3).map((c) => c.join(''))).toEqual(['ab', 'cde', 'fg'])
    expect(splitText('😀😀😀', one, 2, 2)).toEqual([['😀', '😀'], ['😀']])
  })
  it('never starts a later chunk with U+FEFF when it can move a character along', () => {
    expect(splitText('ab\ufeffc', one, 2, 3).map((c) => c.join(''))).toEqual(['a', 'b\ufeffc'])
    expect(splitText('abc\ufeff\ufeffd', one, 3, 4).map((c) => c.join(''))).toEqual(['ab', 'c\ufeff\ufeffd'])
  })
  it('gives up moving when the moved characters would not fit', () => {
    const cost = (ch: string) => (ch === '\ufeff' ? 1 : 2)
    expect(splitText('xy\ufeff', cost, 4, 2)).toEqual([['x', 'y'], ['\ufeff']])
    // Only U+FEFF left to move: nothing lost, limits kept.
    const chunks = splitText('a\ufeff\ufeff\ufeff', one, 1, 2)
    expect(chunks.flat().join('')).toBe('a\ufeff\ufeff\ufeff')
    expect(chunks.every((c, i) => c.length <= (i === 0 ? 1 : 2))).toBe(true)
  })
  it('keeps encoded-words off a leading U+FEFF', () => {
    for (let n = 1; n < 40; n++) {
      const words = encodeWords('😀'.repeat(n) + '\ufeff' + 'x'.repeat(n))
      for (const w of words.slice(1)) expect(w).not.toMatch(/^=\?UTF-8\?(?:B\?77u\/|Q\?=EF=BB=BF)/)
    }
  })
})
