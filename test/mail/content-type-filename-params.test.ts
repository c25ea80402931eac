import { describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { parseBoth } from './parse.js'

async function compose(contentType: string) {
  const msg = composeMessage({
    from: 'a@example.com',
    to: 'b@example.com',
    subject: 's',
    text: 't',
    attachments: [{ filename: 'report.txt', content: '', content_type: contentType }],
  })
  const parsed = await parseBoth(msg.raw)
  const at = parsed.raw.lastIndexOf('\r\nContent-Type: ', parsed.raw.indexOf('Content-Transfer-Encoding: base64'))
  const contentTypeHeader = parsed.raw.slice(at + 2, parsed.raw.indexOf('\r\nContent-Transfer-Encoding: base64', at)).replace(/\r\n /g, ' ')
  return { ...parsed, contentTypeHeader }
}

describe('content_type parameters that the filename owns', () => {
  it('a name parameter is dropped: the only name is the filename', async () => {
    const { contentTypeHeader, mailparser, postal } = await compose('text/plain; name="evil.exe"')
    expect(contentTypeHeader).toBe('Content-Type: text/plain; name="report.txt"')
    expect(mailparser.attachments[0]?.filename).toBe('report.txt')
    expect(postal.attachments[0]?.filename).toBe('report.txt')
  })
  it('so are RFC 2231 forms of name and filename, in any letter case', async () => {
    for (const t of ["text/plain; NAME*=utf-8''evil.exe; charset=utf-8; Filename*0*=utf-8''ev; filename*1=il.exe", 'text/plain; name*0=evil; charset=utf-8; name*1=.exe']) {
      const { contentTypeHeader, mailparser, postal } = await compose(t)
      expect(contentTypeHeader, t).toBe('Content-Type: text/plain; charset=utf-8; name="report.txt"')
      expect(mailparser.attachments[0]?.filename, t).toBe('report.txt')
      expect(postal.attachments[0]?.filename, t).toBe('report.txt')
    }
  })
  it('other parameters are kept, in order, before name', async () => {
    const { contentTypeHeader, mailparser } = await compose('text/plain; charset=utf-8; name=evil.exe; format=flowed')
    expect(contentTypeHeader).toBe('Content-Type: text/plain; charset=utf-8; format=flowed; name="report.txt"')
    expect(mailparser.attachments[0]?.headers.get('content-type')).toEqual({ value: 'text/plain', params: { charset: 'utf-8', format: 'flowed', name: 'report.txt' } })
  })
})
