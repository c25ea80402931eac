import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { filename, headerText, mixedBody } from './arbitraries.js'
import { headerValue, parseBoth } from './parse.js'

/** An attachment's content as postal-mime returns it, as bytes. */
const bytesOf = (c: ArrayBuffer | Uint8Array | string) => (typeof c === 'string' ? new TextEncoder().encode(c) : new Uint8Array(c))

const ENCODED_WORD = /=\?UTF-8\?([BQ])\?([^?]*)\?=/g
const strict = new TextDecoder('utf-8', { fatal: true })

function decodeWord(kind: string, text: string): string {
  let bytes: Uint8Array
  if (kind === 'B') bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  else {
    const out: number[] = []
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '=') {
        out.push(parseInt(text.slice(i + 1, i + 3), 16))
        i += 2
      } else out.push(text[i] === '_' ? 32 : text.charCodeAt(i))
    }
    bytes = Uint8Array.from(out)
  }
  return strict.decode(bytes) // throws when a word holds part of a character
}

/**
 * Structural invariants every composed message must satisfy. With `folded`,
 * every top-level header line also fits 78 characters (custom headers may
 * keep a long raw word, so they are checked against 998 only).
 */
function checkShape(raw: string, bytes: Uint8Array, folded = true): void {
  expect(raw).not.toMatch(/\r(?!\n)|(?<!\r)\n/) // no bare CR or LF
  expect(raw.endsWith('\r\n')).toBe(true)
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      expect(i - 1 - start).toBeLessThanOrEqual(998)
      start = i + 1
    }
  }
  const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'))
  for (const line of headerBlock.split('\r\n')) {
    if (folded) expect(line.length).toBeLessThanOrEqual(78)
    expect(line.trim()).not.toBe('')
  }
  for (const m of raw.matchAll(ENCODED_WORD)) {
    expect(m[0].length).toBeLessThanOrEqual(75)
    expect(() => decodeWord(m[1] as string, m[2] as string)).not.toThrow()
  }
}

const runs = { numRuns: 60 }

describe('properties', () => {
  it('random subjects round-trip exactly and headers stay folded', async () => {
    await fc.assert(
      fc.asyncProperty(headerText, async (subject) => {
        const msg = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject, text: 't' })
        const { raw, postal, mailparser } = await parseBoth(msg.raw)
        checkShape(raw, msg.raw)
        expect(headerValue(raw, 'Subject')).toBe(subject)
        expect(postal.subject ?? '').toBe(subject)
        expect(mailparser.subject ?? '').toBe(subject)
      }),
      runs,
    )
  })

  it('random custom header values round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(headerText, async (value) => {
        const msg = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', headers: { 'X-Custom-Value': value } })
        const raw = new TextDecoder().decode(msg.raw)
        checkShape(raw, msg.raw, false)
        expect(headerValue(raw, 'X-Custom-Value')).toBe(value)
      }),
      runs,
    )
  })

  it('random display names round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(headerText, headerText, async (fromName, toName) => {
        const msg = composeMessage({
          from: { email: 'a@example.com', name: fromName },
          to: [{ email: 'b@example.com', name: toName }, 'c@example.com'],
          subject: 's',
          text: 't',
        })
        const { raw, postal, mailparser } = await parseBoth(msg.raw)
        checkShape(raw, msg.raw)
        expect(postal.from).toEqual({ address: 'a@example.com', name: fromName })
        expect(mailparser.from?.value.map((a) => [a.address, a.name])).toEqual([['a@example.com', fromName]])
        expect(postal.to).toEqual([
          { address: 'b@example.com', name: toName },
          { address: 'c@example.com', name: '' },
        ])
      }),
      runs,
    )
  })

  it('random text and html bodies round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(mixedBody, mixedBody, fc.boolean(), fc.boolean(), async (text, html, withHtml, eightBit) => {
        const msg = composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text, ...(withHtml ? { html } : {}) }, { eightBit })
        const { raw, mailparser } = await parseBoth(msg.raw)
        checkShape(raw, msg.raw)
        const lf = (s: string) => s.replace(/\r\n?/g, '\n')
        expect(mailparser.text).toBe(lf(text))
        if (withHtml) expect(mailparser.html).toBe(lf(html))
        if (!eightBit) expect(msg.eightBit).toBe(false)
        // Quoted-printable and base64 bodies keep to 76-character lines (RFC 2045).
        const encoded = [...raw.matchAll(/^Content-Transfer-Encoding: (?:quoted-printable|base64)\r\n\r\n([^]*?)(?=\r\n--=_mb_|$)/gm)]
        for (const m of encoded) for (const line of (m[1] as string).split('\r\n')) expect(line.length).toBeLessThanOrEqual(76)
        // 8bit only when allowed: otherwise every octet is 7-bit (the headers here are ASCII).
        if (!eightBit) expect(msg.raw.every((b) => b < 0x80)).toBe(true)
        expect(msg.eightBit).toBe(/^Content-Transfer-Encoding: 8bit\r$/m.test(raw))
      }),
      runs,
    )
  })

  it('random attachment filenames and contents round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(filename, fc.uint8Array({ maxLength: 300 })), { minLength: 1, maxLength: 3 }), async (files) => {
        const msg = composeMessage({
          from: 'a@example.com',
          to: 'b@example.com',
          subject: 's',
          text: 't',
          attachments: files.map(([f, c]) => ({ filename: f, content: btoa(String.fromCharCode(...c)) })),
        })
        const { raw, postal, mailparser } = await parseBoth(msg.raw)
        checkShape(raw, msg.raw)
        // Only headers and base64 here, so every line (part headers included) fits 78.
        for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
        // Any bytes, not only text, come back exactly.
        const expected = files.map(([f, c]) => [f, [...c]])
        expect(postal.attachments.map((a) => [a.filename, [...bytesOf(a.content)]])).toEqual(expected)
        expect(mailparser.attachments.map((a) => [a.filename, [...a.content]])).toEqual(expected)
      }),
      runs,
    )
  })
})
