import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COPY_LIMIT, encodeData } from '../../src/smtp/data.js'

const wire = (s: string | Uint8Array) => Buffer.concat(encodeData(s).chunks).toString('latin1')

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

  it('writes a large clean message as given, not copied, then the terminator', () => {
    const line = 'x'.repeat(76) + '\r\n'
    const big = new TextEncoder().encode(line.repeat(Math.ceil(COPY_LIMIT / line.length)))
    const { chunks, size } = encodeData(big)
    expect(chunks).toHaveLength(2)
    expect(chunks[0]).toBe(big)
    expect(Buffer.from(chunks[1]!).toString('latin1')).toBe('.\r\n')
    expect(size).toBe(big.length)
    // Without a final line end, the terminator chunk adds it.
    const open = big.subarray(0, big.length - 2)
    const unterminated = encodeData(open)
    expect(unterminated.chunks[0]).toBe(open)
    expect(Buffer.from(unterminated.chunks[1]!).toString('latin1')).toBe('\r\n.\r\n')
    expect(unterminated.size).toBe(big.length)
    // A small one is still one chunk (one write), and a large one that needs stuffing is rewritten.
    expect(encodeData('a\r\n').chunks).toHaveLength(1)
    const stuffed = encodeData(new Uint8Array([...big, 0x2e, 0x0d, 0x0a]))
    expect(stuffed.chunks).toHaveLength(1)
    expect(Buffer.from(stuffed.chunks[0]!.subarray(-9)).toString('latin1')).toBe('\r\n..\r\n.\r\n')
    // A large clean message ending in a bare CR: the terminator completes it to CRLF.
    const endsInCr = big.subarray(0, big.length - 1)
    const completed = encodeData(endsInCr)
    expect(completed.chunks[0]).toBe(endsInCr)
    expect(Buffer.from(completed.chunks[1]!).toString('latin1')).toBe('\n.\r\n')
    expect(completed.size).toBe(big.length)
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
        const encoded = encodeData(Buffer.from(input, 'latin1'))
        expect(encoded.size).toBe(expected.length)
        expect(encoded.eightBit).toBe(/[\x80-\xff]/.test(input))
      }),
      { numRuns: 500 },
    )
  })
})
