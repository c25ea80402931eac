import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from '../../../src/mail/dkim/index.js'

describe('DKIM base64', () => {
  it('writes standard padded base64 and reads it back, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), (bytes) => {
        const text = toBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(fromBase64(text)).toEqual(bytes)
      }),
      { numRuns: 50 },
    )
  })

  it('reads base64url without padding (a JWK) and base64 broken over lines (a PEM body)', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x01])
    expect(fromBase64('-_-_AQ')).toEqual(bytes)
    expect(fromBase64('+/+/\r\nAQ==\n')).toEqual(bytes)
  })

  it('gives undefined for text that is not base64', () => {
    expect(fromBase64('ab*d')).toBeUndefined()
    expect(fromBase64('abcde')).toBeUndefined()
    expect(fromBase64('ab=d')).toBeUndefined()
  })
})
