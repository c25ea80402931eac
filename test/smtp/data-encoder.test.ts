import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeData } from '../../src/smtp/data.js'

const wire = (s: string | Uint8Array) => Buffer.from(encodeData(s).bytes).toString('latin1')

/** What a receiving server does: strip the terminator, un-stuff dots. */
function receive(onWire: string): string {
  expect(onWire.endsWith('\r\n.\r\n') || onWire === '.\r\n').toBe(true)
  const body = onWire === '.\r\n' ? '' : onWire.slice(0, -3)
  return body
    .split('\r\n')
    .map((l) => (l.startsWith('.') ? l.slice(1) : l))
    .join('\r\n')
}

describe('DATA encoder', () => {
  it('passes clean CRLF content through and appends the terminator', () => {
    expect(wire('a\r\nb\r\n')).toBe('a\r\nb\r\n.\r\n')
    expect(wire('a\r\nb')).toBe('a\r\nb\r\n.\r\n')
    expect(wire('')).toBe('.\r\n')
  })

  it('turns every bare CR and bare LF into CRLF', () => {
    expect(wire('a\nb\rc\r\nd\n\re')).toBe('a\r\nb\r\nc\r\nd\r\n\r\ne\r\n.\r\n')
    expect(wire('\r')).toBe('\r\n.\r\n')
  })

  it('stuffs a leading dot on every line, including the first', () => {
    expect(wire('.a\r\n..b\r\n.\r\nc.d\r\n')).toBe('..a\r\n...b\r\n..\r\nc.d\r\n.\r\n')
    expect(wire('x\n.\ny')).toBe('x\r\n..\r\ny\r\n.\r\n')
    expect(wire('x\r.\ry')).toBe('x\r\n..\r\ny\r\n.\r\n')
    expect(wire('.')).toBe('..\r\n.\r\n')
    // A clean CRLF prefix, then the first line that needs stuffing: the encoder resumes there.
    expect(wire('ä\r\n.b\r\nc')).toBe('\xc3\xa4\r\n..b\r\nc\r\n.\r\n')
    expect(encodeData('ä\r\n.b\r\nc')).toMatchObject({ size: 11, eightBit: true })
  })

  it('reports 8-bit content and the size before stuffing', () => {
    expect(encodeData('abc\r\n').eightBit).toBe(false)
    expect(encodeData('äbc\r\n').eightBit).toBe(true)
    expect(encodeData('ä\n.x').eightBit).toBe(true)
    expect(encodeData('a\r\n').size).toBe(3)
    expect(encodeData('.a\n').size).toBe(4)
  })

  it('never emits a bare CR or LF and round-trips through a receiver', () => {
    const piece = fc.constantFrom('\r', '\n', '\r\n', '.', '..', 'a', 'ä', ' ', '\r\n.\r\n', '\n.\n')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const input = parts.join('')
        const out = wire(Buffer.from(input, 'latin1'))
        expect(/\r(?!\n)|(?<!\r)\n/.test(out)).toBe(false)
        // Exactly one terminator, at the end.
        expect(out.indexOf('\r\n.\r\n') === out.length - 5 || out === '.\r\n').toBe(true)
        const normalised = input.replace(/\r\n|\r|\n/g, '\r\n')
        const expected = normalised === '' || normalised.endsWith('\r\n') ? normalised : normalised + '\r\n'
        expect(receive(out)).toBe(expected)
      }),
      { numRuns: 500 },
    )
  })
})
