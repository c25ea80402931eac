import { describe, expect, it } from 'vitest'
import { composeMessage, type AttachmentInput } from '../../src/mail/index.js'

function partHeaders(a: AttachmentInput, html = false): string {
  const raw = new TextDecoder().decode(
    composeMessage({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', ...(html ? { html: '<img src="cid:x">' } : {}), attachments: [a] }).raw,
  )
  const at = raw.lastIndexOf('\r\nContent-Type: ', raw.indexOf('Content-Transfer-Encoding: base64'))
  return raw.slice(at + 2, raw.indexOf('\r\n\r\n', at) + 2)
}

describe('attachment part headers', () => {
  it('an ASCII filename is a quoted parameter on both headers', () => {
    expect(partHeaders({ filename: 'report.pdf', content: '' })).toBe(
      'Content-Type: application/pdf; name="report.pdf"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="report.pdf"\r\n',
    )
  })
  it('quotes and backslashes are escaped', () => {
    expect(partHeaders({ filename: 'a "b" \\c.txt', content: '' })).toContain('filename="a \\"b\\" \\\\c.txt"')
  })
  it('a non-ASCII filename uses RFC 2231 filename* and an RFC 2047 name fallback', () => {
    const h = partHeaders({ filename: 'Überweisung.pdf', content: '' })
    expect(h).toContain("filename*=utf-8''%C3%9Cberweisung.pdf")
    expect(h).toMatch(/name="=\?UTF-8\?[BQ]\?[^"]+\?="/)
  })
  it('a long filename is split into RFC 2231 continuations without splitting a character', () => {
    const h = partHeaders({ filename: `${'长'.repeat(30)}.txt`, content: '' })
    const segments = [...h.matchAll(/filename\*(\d+)\*=([^;\r]+)/g)]
    expect(segments.map((m) => Number(m[1]))).toEqual(segments.map((_, i) => i))
    expect(segments.length).toBeGreaterThan(1)
    for (const [, , v] of segments) expect(v!.replace(/^utf-8''/, '')).toMatch(/^(?:%E9%95%BF)*(?:\.txt)?$/)
    for (const line of h.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
  })
  it('an ASCII filename too long for one quoted line uses RFC 2231 too', () => {
    const h = partHeaders({ filename: `${'"'.repeat(40)}.txt`, content: '' })
    expect(h).toMatch(/filename\*0\*=utf-8''(?:%22)+;/)
    expect(h).toMatch(/name="=\?UTF-8\?/)
    for (const line of h.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
  })
  it('a filename that looks like an encoded-word is not sent raw', () => {
    expect(partHeaders({ filename: '=?UTF-8?B?SGk=?=.txt', content: '' })).toContain("filename*=utf-8''%3D%3FUTF-8%3FB%3FSGk%3D%3F%3D.txt")
  })
  it('inline attachments are Content-Disposition inline with a Content-ID', () => {
    expect(partHeaders({ filename: 'x.png', content: '', content_id: 'x' }, true)).toBe(
      'Content-Type: image/png; name="x.png"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline; filename="x.png"\r\nContent-ID: <x>\r\n',
    )
  })
})
