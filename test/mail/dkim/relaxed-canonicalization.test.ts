import { describe, expect, it } from 'vitest'
import { relaxedBody, relaxedHeader, splitMessage, toCrlf } from '../../../src/mail/dkim/index.js'

const bytes = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)

describe('relaxed canonicalisation of header fields (RFC 6376 §3.4.2) and body (RFC 6376 §3.4.4)', () => {
  // The example of RFC 6376 §3.4.5, byte for byte.
  const example = 'A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n'

  it('turns the header fields of the RFC 6376 §3.4.5 example into "a:X" and "b:Y Z"', () => {
    const { fields } = splitMessage(bytes(example))
    expect(fields).toEqual(['A: X\r\n', 'B : Y\t\r\n\tZ  \r\n'])
    expect(fields.map(relaxedHeader)).toEqual(['a:X', 'b:Y Z'])
  })

  it('turns the body of the RFC 6376 §3.4.5 example into " C" and "D E"', () => {
    const { body } = splitMessage(bytes(example))
    expect(text(relaxedBody(body))).toBe(' C\r\nD E\r\n')
  })

  it('keeps an empty body empty, and a body of empty lines too', () => {
    expect(relaxedBody(bytes('')).length).toBe(0)
    expect(relaxedBody(bytes('\r\n\r\n \t\r\n')).length).toBe(0)
  })

  it('ends a last line without CRLF with one, and drops its trailing whitespace', () => {
    expect(text(relaxedBody(bytes('Hello \t')))).toBe('Hello\r\n')
    expect(text(relaxedBody(bytes('a\r\n\r\nb  ')))).toBe('a\r\n\r\nb\r\n')
  })

  it('leaves 8-bit bytes (UTF-8) as they are', () => {
    expect(text(relaxedBody(bytes('Grüße  aus   Köln \r\n')))).toBe('Grüße aus Köln\r\n')
  })

  it('treats only spaces and tabs as whitespace, not other control characters', () => {
    expect(text(relaxedBody(bytes('a\x0b\x0cb\r\n')))).toBe('a\x0b\x0cb\r\n')
  })

  it('makes lone CR and LF line ends CRLF, as the SMTP client sends them, and leaves a clean message as it is', () => {
    expect(text(toCrlf(bytes('a\nb\rc\r\nd')))).toBe('a\r\nb\r\nc\r\nd')
    const clean = bytes('a\r\nb\r\n')
    expect(toCrlf(clean)).toBe(clean)
  })

  it('splits a message without a body, and one that is all body', () => {
    expect(splitMessage(bytes('Subject: x\r\n'))).toEqual({ fields: ['Subject: x\r\n'], body: new Uint8Array() })
    const bodyOnly = splitMessage(bytes('\r\nHello\r\n'))
    expect(bodyOnly.fields).toEqual([])
    expect(text(bodyOnly.body)).toBe('Hello\r\n')
  })
})
