import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Base64Bytes, CHUNKED_FROM, ChunkedMessage, composeForSending, composeMessage } from '../../src/mail/index.js'
import { checkBase64 } from '../../src/mail/base64-check.js'
import { checkBase64Bytes } from '../../src/mail/base64-bytes.js'
import { messageBytes } from '../../src/smtp/data-stream.js'

const fixed = { date: new Date('2026-11-27T07:00:00Z'), randomBytes: (n: number) => new Uint8Array(n).fill(7) }
const base64Of = (n: number) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 0xff)).toString('base64')
const bytesOf = (s: string) => new Base64Bytes(new TextEncoder().encode(s))
const mail = (content: string | Base64Bytes, text = 'see attached') => ({
  from: 'Ada <ada@example.com>',
  to: 'bob@example.org',
  subject: 'Report',
  text,
  attachments: [{ filename: 'report.bin', content }],
})

/** Every piece of a chunked message, copied as it comes (a piece is valid until the next). */
function joined(m: ChunkedMessage): Uint8Array {
  const out = new Uint8Array(m.byteLength)
  let off = 0
  for (const piece of m.chunks()) {
    out.set(piece, off)
    off += piece.length
  }
  expect(off).toBe(m.byteLength)
  return out
}

describe('a message with a large attachment, composed for sending', () => {
  it('comes in pieces that make exactly the bytes composeMessage writes, from text or bytes', () => {
    const b64 = base64Of(Math.ceil((CHUNKED_FROM * 3) / 4) + 1000)
    const whole = composeMessage(mail(b64), fixed).raw
    for (const content of [b64, bytesOf(b64)]) {
      const m = composeForSending(mail(content), fixed)
      expect(m.raw).toBeInstanceOf(ChunkedMessage)
      const chunked = m.raw as ChunkedMessage
      expect(Buffer.from(joined(chunked)).equals(Buffer.from(whole))).toBe(true)
      expect(Buffer.from(messageBytes(chunked)).equals(Buffer.from(whole))).toBe(true) // whole, as DKIM signs it
      expect(Buffer.from(joined(chunked)).equals(Buffer.from(whole))).toBe(true) // and again, for a retry
      expect(chunked.eightBit).toBe(false)
    }
  })

  it('reports 8-bit text, and stays one buffer below the threshold', () => {
    const big = composeForSending({ ...mail(base64Of(CHUNKED_FROM)), text: 'grüße' }, { ...fixed, eightBit: true }).raw as ChunkedMessage
    expect(big.eightBit).toBe(true)
    expect(composeForSending(mail(base64Of(1000)), fixed).raw).toBeInstanceOf(Uint8Array)
  })
})

describe('base64 held as bytes', () => {
  it('gets the verdict and message base64 text gets', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/= \-_]{0,24}$/), (s) => {
        const text = checkBase64(s)
        const bytes = checkBase64Bytes(bytesOf(s))
        expect(bytes.ok).toBe(text.ok)
        if (!text.ok && !bytes.ok) expect(bytes.message).toBe(text.message)
        if (text.ok && bytes.ok) expect(String(bytes.value)).toBe(text.value)
      }),
      { numRuns: 3000 },
    )
  })

  it('composes to the same message as the text', () => {
    const b64 = base64Of(3000)
    expect(composeMessage(mail(bytesOf(b64)), fixed).raw).toEqual(composeMessage(mail(b64), fixed).raw)
  })
})
