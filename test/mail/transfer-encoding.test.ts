import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { FoldedBase64, piecesToBytes } from '../../src/mail/output.js'
import { chooseTextEncoding, encodeBase64Lines, encodeQuotedPrintable } from '../../src/mail/transfer-encoding.js'

const enc = new TextEncoder()
const qp = (s: string) => encodeQuotedPrintable(enc.encode(s)).join('')
const lines = (s: string) => s.split('\r\n')

describe('transfer encoding choice', () => {
  it('7bit for ASCII with lines up to 998 octets', () => {
    expect(chooseTextEncoding('Hello\r\nworld', false)).toBe('7bit')
    expect(chooseTextEncoding('x'.repeat(998), false)).toBe('7bit')
    expect(chooseTextEncoding(`${'x'.repeat(998)}\r\n${'y'.repeat(998)}\r\n`, false)).toBe('7bit')
    expect(chooseTextEncoding(`a\r\n${'x'.repeat(999)}\r\n`, false)).toBe('quoted-printable')
  })
  it('quoted-printable for long lines, control characters and From lines', () => {
    expect(chooseTextEncoding('x'.repeat(999), false)).toBe('quoted-printable')
    expect(chooseTextEncoding('bell\x07', false)).toBe('quoted-printable')
    expect(chooseTextEncoding('hi\r\nFrom me', false)).toBe('quoted-printable')
    expect(chooseTextEncoding('From me', false)).toBe('quoted-printable')
  })
  it('quoted-printable for mostly-ASCII text, base64 for mostly non-ASCII', () => {
    expect(chooseTextEncoding('Grüße aus München, wie geht es dir heute?', false)).toBe('quoted-printable')
    expect(chooseTextEncoding('你好，世界。今天天气很好。', false)).toBe('base64')
    expect(chooseTextEncoding('\u0000\u0001\u0002\u0003', false)).toBe('base64')
  })
  it('8bit only when the relay offers 8BITMIME', () => {
    expect(chooseTextEncoding('你好', true)).toBe('8bit')
    expect(chooseTextEncoding('你好'.repeat(200), true)).toBe('base64') // 1,200 octets on one line
    expect(chooseTextEncoding(`${'é'.repeat(499)}\r\n`, true)).toBe('8bit') // 998 octets
    expect(chooseTextEncoding(`${'é'.repeat(499)}x\r\n`, true)).not.toBe('8bit') // 999 octets
    expect(chooseTextEncoding('你好\0', true)).not.toBe('8bit')
    const m = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: '你好\n' }, { eightBit: true })
    expect(m.eightBit).toBe(true)
    expect(new TextDecoder().decode(m.raw)).toMatch(/Content-Transfer-Encoding: 8bit\r\n\r\n你好\r\n$/)
    const n = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: '你好\n' })
    expect(n.eightBit).toBe(false)
    expect(new TextDecoder().decode(n.raw)).toMatch(/Content-Transfer-Encoding: base64/)
  })

  it('a multipart holding an 8bit part is itself labelled 8bit (RFC 2045 6.4), and only then', () => {
    const input = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: '你好\n', html: '<p>hi</p>', attachments: [{ filename: 'a.txt', content: 'aGk=' }] }
    const multiparts = (raw: Uint8Array) =>
      [...new TextDecoder().decode(raw).matchAll(/^Content-Type: multipart\/\w+;[^]*?\r\n(?! )(.*)\r\n/gm)].map((m) => m[1])
    const eight = composeMessage(input, { eightBit: true })
    expect(eight.eightBit).toBe(true)
    expect(multiparts(eight.raw)).toEqual(['Content-Transfer-Encoding: 8bit', 'Content-Transfer-Encoding: 8bit'])
    expect(multiparts(composeMessage(input).raw)).toEqual(['', ''])
  })
})

describe('quoted-printable', () => {
  it('keeps lines at most 76 characters and never splits an escape', () => {
    const out = qp('é'.repeat(100) + 'x'.repeat(300))
    for (const l of lines(out)) {
      expect(l.length).toBeLessThanOrEqual(76)
      expect(l.replace(/=$/, '')).not.toMatch(/=[0-9A-F]?$/) // only a soft break's lone '=' may end a line
    }
  })
  it('escapes =, trailing whitespace, and leading dots and From', () => {
    expect(qp('a=b')).toBe('a=3Db')
    expect(qp('end \r\ntab\t')).toBe('end=20\r\ntab=09')
    expect(qp('.\r\nFrom x\r\nFromage')).toBe('=2E\r\n=46rom x\r\nFromage')
  })
  it('escapes a trailing space that meets the line limit', () => {
    const out = qp(`${'x'.repeat(75)} `)
    for (const l of lines(out)) expect(l.length).toBeLessThanOrEqual(76)
    expect(out.replace(/=\r\n/g, '')).toBe(`${'x'.repeat(75)}=20`)
  })
})

describe('base64 lines', () => {
  it('are 76 characters, CRLF-separated', () => {
    const bytes = new Uint8Array(57 * 300 + 5).map((_, i) => i & 255)
    const out = encodeBase64Lines(bytes).join('')
    const ls = lines(out)
    expect(ls.slice(0, -1).every((l) => l.length === 76)).toBe(true)
    expect(out.replace(/\r\n/g, '')).toBe(btoa(String.fromCharCode(...bytes)))
  })
  it('re-folding caller base64 keeps every character', () => {
    const b64 = 'QUJD'.repeat(100)
    const out = new TextDecoder().decode(piecesToBytes(['<', new FoldedBase64(b64), '>']))
    expect(out.startsWith('<QUJD')).toBe(true)
    expect(out.endsWith('QUJD>')).toBe(true)
    expect(lines(out.slice(1, -1)).map((l) => l.length)).toEqual([76, 76, 76, 76, 76, 20])
    expect(out.slice(1, -1).replace(/\r\n/g, '')).toBe(b64)
    expect(new TextDecoder().decode(piecesToBytes([new FoldedBase64('')]))).toBe('')
    expect(new TextDecoder().decode(piecesToBytes([new FoldedBase64('QUJD'.repeat(19))]))).toBe('QUJD'.repeat(19)) // exactly one line
  })
})
