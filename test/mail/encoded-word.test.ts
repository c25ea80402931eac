import { describe, expect, it } from 'vitest'
import { encodeWords } from '../../src/mail/encoded-word.js'
import { composeMessage } from '../../src/mail/index.js'

describe('RFC 2047 encoded-words', () => {
  it('chooses Q for mostly-ASCII text and B for mostly non-ASCII', () => {
    expect(encodeWords('Hello wörld, how are you')).toEqual(['=?UTF-8?Q?Hello_w=C3=B6rld,_how_are_you?='])
    expect(encodeWords('Grüße')).toEqual(['=?UTF-8?B?R3LDvMOfZQ==?=']) // B is 3 characters shorter here
    expect(encodeWords('你好世界')).toEqual(['=?UTF-8?B?5L2g5aW95LiW55WM?='])
  })
  it('words are at most 75 characters and never split a character', () => {
    for (const text of ['你'.repeat(100), '😀'.repeat(60), 'é'.repeat(90), 'a'.repeat(300) + 'ü']) {
      const words = encodeWords(text)
      expect(words.length).toBeGreaterThan(1)
      let joined = ''
      for (const w of words) {
        expect(w.length).toBeLessThanOrEqual(75)
        const m = /^=\?UTF-8\?([BQ])\?(.*)\?=$/.exec(w)!
        const bytes = m[1] === 'B'
          ? Uint8Array.from(atob(m[2]!), (c) => c.charCodeAt(0))
          : Uint8Array.from(m[2]!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), (c) => c.charCodeAt(0))
        joined += new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      }
      expect(joined).toBe(text)
    }
  })
  it('phrase words keep only the RFC 2047 5(3) characters literal', () => {
    expect(encodeWords('Smith, John "JJ" (Sales) Department é', 'phrase')).toEqual([
      '=?UTF-8?Q?Smith=2C_John_=22JJ=22_=28Sales=29_Department_=C3=A9?=',
    ])
    expect(encodeWords('Smith, John (Sales) Department é', 'text')).toEqual(['=?UTF-8?Q?Smith,_John_(Sales)_Department_=C3=A9?='])
  })
  it('the first word can be kept short to fit the header line', () => {
    const words = encodeWords('é'.repeat(40), 'text', 50)
    expect(words[0]!.length).toBeLessThanOrEqual(50)
    expect(words[1]!.length).toBeGreaterThan(50)
  })
  it('text that looks like an encoded-word is itself encoded', () => {
    const raw = new TextDecoder().decode(
      composeMessage({ from: 'a@example.com', to: { email: 'b@example.com', name: '=?UTF-8?B?SGk=?=' }, subject: 'x =?utf-8?q?y?=', text: 't' }).raw,
    )
    expect(raw).not.toMatch(/=\?utf-8\?q\?y\?=/)
    expect(raw).not.toMatch(/=\?UTF-8\?B\?SGk=\?=/)
  })
  it('empty text has no words', () => {
    expect(encodeWords('')).toEqual([])
  })
})
