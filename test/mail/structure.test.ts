import { describe, expect, it } from 'vitest'
import { composeMessage, type MailInput } from '../../src/mail/index.js'

const base: MailInput = { from: 'Ada <ada@example.com>', to: 'bob@example.org', subject: 'Hi' }
const png = { filename: 'logo.png', content: 'iVBORw0KGgo=', content_id: 'logo' }
const pdf = { filename: 'a.pdf', content: 'JVBERi0=' }
const text = (input: Partial<MailInput>) => new TextDecoder().decode(composeMessage({ ...base, ...input } as MailInput).raw)

/** The Content-Type values in order of appearance (without parameters). */
const types = (raw: string) => [...raw.matchAll(/^Content-Type: ([^;\r]+)/gm)].map((m) => m[1])

describe('message structure', () => {
  it('text only is a single text/plain part', () => {
    const raw = text({ text: 'hello\n' })
    expect(types(raw)).toEqual(['text/plain'])
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r$/m)
  })
  it('html only is a single text/html part', () => {
    expect(types(text({ html: '<p>x</p>' }))).toEqual(['text/html'])
  })
  it('text and html are multipart/alternative, text first', () => {
    expect(types(text({ text: 'x', html: '<p>x</p>' }))).toEqual(['multipart/alternative', 'text/plain', 'text/html'])
  })
  it('inline images make multipart/related around the html', () => {
    expect(types(text({ html: '<img src="cid:logo">', attachments: [png] }))).toEqual(['multipart/related', 'text/html', 'image/png'])
    expect(types(text({ text: 'x', html: '<img src="cid:logo">', attachments: [png] }))).toEqual([
      'multipart/alternative', 'text/plain', 'multipart/related', 'text/html', 'image/png',
    ])
  })
  it('other attachments make multipart/mixed outermost', () => {
    expect(types(text({ text: 'x', html: '<img src="cid:logo">', attachments: [pdf, png] }))).toEqual([
      'multipart/mixed', 'multipart/alternative', 'text/plain', 'multipart/related', 'text/html', 'image/png', 'application/pdf',
    ])
    expect(types(text({ text: 'x', attachments: [pdf] }))).toEqual(['multipart/mixed', 'text/plain', 'application/pdf'])
  })
  it('inline attachments without html go into multipart/mixed, still inline with a Content-ID', () => {
    const raw = text({ text: 'x', attachments: [png] })
    expect(types(raw)).toEqual(['multipart/mixed', 'text/plain', 'image/png'])
    expect(raw).toMatch(/Content-Disposition: inline; filename="logo.png"\r\nContent-ID: <logo>/)
  })
  it('headers come in the documented order, Bcc never', () => {
    const raw = text({ cc: 'c@example.org', bcc: 'hidden@example.org', reply_to: 'r@example.com', text: 'x', headers: { 'X-A': '1' } })
    const names = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n').filter((l) => !l.startsWith(' ')).map((l) => l.split(':')[0])
    expect(names).toEqual(['Date', 'Message-ID', 'MIME-Version', 'From', 'To', 'Cc', 'Reply-To', 'Subject', 'X-A', 'Content-Type', 'Content-Transfer-Encoding'])
    expect(raw).not.toMatch(/hidden/)
  })
  it('only bcc recipients: To is undisclosed-recipients', () => {
    const raw = text({ to: undefined, bcc: 'hidden@example.org', text: 'x' })
    expect(raw).toMatch(/^To: undisclosed-recipients:;\r$/m)
    expect(raw).not.toMatch(/hidden/)
  })
  it('Date is RFC 5322 with a numeric zone; Message-ID is random at the sender domain', () => {
    const date = new Date(Date.UTC(2026, 0, 5, 3, 4, 5))
    const m = composeMessage({ ...base, text: 'x' }, { date, randomBytes: (n) => new Uint8Array(n).fill(0xab) })
    const raw = new TextDecoder().decode(m.raw)
    expect(raw).toMatch(/^Date: Mon, 5 Jan 2026 03:04:05 \+0000\r$/m)
    expect(m.messageId).toBe(`<${'ab'.repeat(18)}@example.com>`)
    expect(raw).toMatch(new RegExp(`^Message-ID: ${m.messageId}\\r$`, 'm'))
    expect(raw).toMatch(/^MIME-Version: 1\.0\r$/m)
  })
  it('an invalid date option is a programming error, not a bad header', () => {
    expect(() => composeMessage({ ...base, text: 'x' }, { date: new Date(Number.NaN) })).toThrow(RangeError)
  })
  it('Message-IDs differ between messages (crypto.getRandomValues)', () => {
    const ids = new Set(Array.from({ length: 50 }, () => composeMessage({ ...base, text: 'x' }).messageId))
    expect(ids.size).toBe(50)
  })
  it('all line endings are CRLF, whatever the input used', () => {
    const raw = text({ text: 'a\rb\nc\r\nd\n\r', html: '<p>\r</p>\n', attachments: [pdf] })
    expect(raw).not.toMatch(/\r(?!\n)|(?<!\r)\n/)
    expect(raw.endsWith('\r\n')).toBe(true)
  })
  it('the message ends with CRLF even when the body does not', () => {
    expect(text({ text: 'no newline' }).endsWith('\r\n')).toBe(true)
    expect(text({ text: '' }).endsWith('\r\n')).toBe(true)
  })
  it('smtputf8 is set by a non-ASCII local part anywhere, not by a Unicode domain', () => {
    expect(composeMessage({ ...base, text: 'x', to: 'b@bücher.de' }).smtputf8).toBe(false)
    expect(composeMessage({ ...base, text: 'x', bcc: 'José@example.org' }).smtputf8).toBe(true)
    expect(composeMessage({ ...base, text: 'x', reply_to: 'José@example.org' }).smtputf8).toBe(true)
  })
})
