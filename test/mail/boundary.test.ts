import { describe, expect, it } from 'vitest'
import { createBoundary } from '../../src/mail/boundary.js'
import { composeMessage } from '../../src/mail/index.js'

/** A random source that yields the given byte values in turn, one value per call. */
const sequence = (...values: number[]) => {
  let i = 0
  return (n: number) => new Uint8Array(n).fill(values[Math.min(i++, values.length - 1)]!)
}

describe('multipart boundaries', () => {
  it('are random, quoted, and at most 70 characters', () => {
    const a = createBoundary((n) => crypto.getRandomValues(new Uint8Array(n)))
    const b = createBoundary((n) => crypto.getRandomValues(new Uint8Array(n)))
    expect(a).not.toBe(b)
    expect(a.length).toBeLessThanOrEqual(70)
    expect(a).toMatch(/^=_mb_[0-9a-f]{32}$/)
  })
  it('are never present in the content they wrap', () => {
    const first = `=_mb_${'11'.repeat(16)}`
    expect(createBoundary(sequence(0x11, 0x22), [`text\r\n--${first}\r\n`])).toBe(`=_mb_${'22'.repeat(16)}`)
    const raw = new TextDecoder().decode(
      composeMessage(
        { from: 'a@example.com', to: 'b@example.com', subject: 's', text: `--${first}\n`, html: `<p>--${first}</p>\n` },
        { randomBytes: sequence(0x00, 0x11, 0x33) }, // message id, then a boundary that collides, then a fresh one
      ).raw,
    )
    expect(raw).toMatch(new RegExp(`boundary="=_mb_${'33'.repeat(16)}"`))
  })
  it('give up loudly on a broken random source instead of looping', () => {
    expect(() => createBoundary(sequence(0x11), [`=_mb_${'11'.repeat(16)}`])).toThrow(/no usable MIME boundary/)
  })
})
