import { describe, expect, it } from 'vitest'
import { ReplyParser, replyText } from '../../src/smtp/reply.js'
import { SmtpError } from '../../src/smtp/errors.js'

const bytes = (s: string) => new TextEncoder().encode(s)

function parseAll(text: string) {
  return new ReplyParser().feed(bytes(text))
}

function protocolError(fn: () => unknown): SmtpError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(SmtpError)
    expect((e as SmtpError).code).toBe('EPROTOCOL')
    return e as SmtpError
  }
  throw new Error('expected EPROTOCOL')
}

describe('reply parser', () => {
  it('parses a single-line reply with an enhanced code', () => {
    const [r] = parseAll('250 2.0.0 Ok: queued as ABC\r\n')
    expect(r).toEqual({ code: 250, enhancedCode: '2.0.0', lines: ['Ok: queued as ABC'], raw: '250 2.0.0 Ok: queued as ABC' })
  })

  it('parses multi-line replies, including a bare "250" and an empty "250 " last line', () => {
    const replies = parseAll('250-mx.test\r\n250-PIPELINING\r\n250 \r\n250\r\n')
    expect(replies).toHaveLength(2)
    expect(replies[0]!.lines).toEqual(['mx.test', 'PIPELINING', ''])
    expect(replies[0]!.raw).toBe('250-mx.test\n250-PIPELINING\n250 ')
    expect(replies[1]!).toMatchObject({ code: 250, lines: [''], enhancedCode: null })
  })

  it('accepts bare LF line ends', () => {
    const [r] = parseAll('220 hello\n')
    expect(r!.code).toBe(220)
    expect(r!.lines).toEqual(['hello'])
  })

  it('only takes an enhanced code whose class matches the reply code', () => {
    expect(parseAll('550 5.1.1 no such user\r\n')[0]!.enhancedCode).toBe('5.1.1')
    const [mismatch] = parseAll('550 2.1.1 odd\r\n')
    expect(mismatch!.enhancedCode).toBeNull()
    expect(mismatch!.lines).toEqual(['2.1.1 odd'])
    expect(parseAll('250 2.0.0\r\n')[0]!.enhancedCode).toBe('2.0.0')
    expect(parseAll('250 2.0.0x\r\n')[0]!.enhancedCode).toBeNull()
  })

  it('strips the enhanced code from every line of a multi-line reply', () => {
    const [r] = parseAll('550-5.7.1 first\r\n550 5.7.1 second\r\n')
    expect(r!.enhancedCode).toBe('5.7.1')
    expect(r!.lines).toEqual(['first', 'second'])
    expect(replyText(r!)).toBe('first second')
  })

  it('assembles a reply fed one byte at a time', () => {
    const p = new ReplyParser()
    const text = '250-a\r\n250-b\r\n250 c\r\n'
    const out = []
    for (const b of bytes(text)) out.push(...p.feed(Uint8Array.of(b)))
    expect(out).toHaveLength(1)
    expect(out[0]!.lines).toEqual(['a', 'b', 'c'])
    expect(p.pending).toBe(false)
  })

  it('returns many replies from one chunk in order', () => {
    const codes = parseAll('250 a\r\n251 b\r\n550 c\r\n354 d\r\n').map((r) => r.code)
    expect(codes).toEqual([250, 251, 550, 354])
  })

  it('rejects garbage and mismatched codes', () => {
    protocolError(() => parseAll('HTTP/1.1 400 Bad Request\r\n'))
    protocolError(() => parseAll('25\r\n'))
    protocolError(() => parseAll('2500 x\r\n'))
    protocolError(() => parseAll('250_x\r\n'))
    protocolError(() => parseAll('650 x\r\n'))
    protocolError(() => parseAll('150 x\r\n'))
    // RFC 5321 §4.2: the second digit is 0–5.
    protocolError(() => parseAll('260 x\r\n'))
    protocolError(() => parseAll('599 x\r\n'))
    expect(parseAll('554 x\r\n')[0]!.code).toBe(554)
    protocolError(() => parseAll('250-a\r\n251 b\r\n'))
  })

  it('bounds line length, line count and reply size', () => {
    protocolError(() => new ReplyParser({ maxLineLength: 16 }).feed(bytes('250 ' + 'x'.repeat(20) + '\r\n')))
    // An unterminated line is refused as soon as it is too long, not when it ends.
    protocolError(() => new ReplyParser({ maxLineLength: 16 }).feed(bytes('250 ' + 'x'.repeat(40))))
    protocolError(() => new ReplyParser({ maxLines: 3 }).feed(bytes('250-a\r\n'.repeat(4))))
    protocolError(() => new ReplyParser({ maxReplySize: 64 }).feed(bytes('250-aaaaaaaaaa\r\n'.repeat(5))))
    expect(new ReplyParser().feed(bytes('250 ' + 'x'.repeat(1000) + '\r\n'))[0]!.code).toBe(250)
  })

  it('drops partial input on reset', () => {
    const p = new ReplyParser()
    p.feed(bytes('250-half\r\n250 par'))
    expect(p.pending).toBe(true)
    p.reset()
    expect(p.feed(bytes('220 fresh\r\n'))[0]!.lines).toEqual(['fresh'])
  })
})
