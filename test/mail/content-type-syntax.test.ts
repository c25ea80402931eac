import { describe, expect, it } from 'vitest'
import type { MailInput } from '../../src/mail/index.js'
import { MAX_CONTENT_TYPE_NAME, parseMediaType } from '../../src/mail/content-type.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }
const issues = (contentType: string) => issuesOf({ ...ok, attachments: [{ filename: 'file.bin', content: '', content_type: contentType }] })
const params = (contentType: string) => {
  const r = parseMediaType(contentType)
  if (!r.ok) throw new Error(r.message)
  return r.mediaType.params
}

describe('content_type is parsed as an RFC 2045 media type', () => {
  it('what does not parse is one issue on the content_type path', () => {
    const refused = [
      'text/plain; a',
      'text/plain; a=',
      'text/plain; a=b c',
      'text/plain;; a=b',
      'text/plain; a="unclosed',
      'text/plain; a="é"',
      'text/plain; a="tab\there"',
      "text/plain; a'b=c",
      'text/plain; a%b=c',
      'text/plain; a**=c',
      'text/plain; a*01=c',
      'text/plain (comment)',
      `text/${'x'.repeat(MAX_CONTENT_TYPE_NAME + 1)}`,
      `${'x'.repeat(MAX_CONTENT_TYPE_NAME + 1)}/plain`,
      `text/plain; ${'x'.repeat(MAX_CONTENT_TYPE_NAME + 1)}=1`,
    ]
    for (const t of refused) {
      const r = issues(t)
      expect(r, t).toHaveLength(1)
      expect(r[0]?.path, t).toEqual(['attachments', 0, 'content_type'])
      expect(r[0]?.message, t).toMatch(/^attachment "file.bin": content_type /)
    }
  })
  it('the message says where the text stops parsing', () => {
    expect(issues('text/plain; a=b c')[0]?.message).toMatch(/expected ";" before "c" at character 17/)
    expect(issues('text/plain; a="é"')[0]?.message).toMatch(/printable ASCII.*a\*=utf-8''/)
    expect(issues(`text/${'x'.repeat(128)}`)[0]?.message).toMatch(/the subtype is 128 characters; the limit is 127/)
    expect(issues(`text/plain; ${'x'.repeat(128)}=1`)[0]?.message).toMatch(/a parameter name is 128 characters/)
    expect(issues(`text/plain; a'${'x'.repeat(5000)}=1`)[0]?.message).toMatch(/"a'x{38}…" is not a parameter name/)
  })
  it('the 127-character limit on parameter names leaves out the RFC 2231 ending', () => {
    expect(issues(`text/plain; ${'n'.repeat(127)}*0*=utf-8''x; ${'n'.repeat(127)}*1=y`)).toEqual([])
  })
  it('a parameter given twice is refused, whatever its letter case or RFC 2231 form', () => {
    for (const t of ['text/plain; a=1; a=2', 'text/plain; a=1; A=1', "text/plain; a=1; a*=utf-8''1", 'text/plain; a*0=1; a*0=2', 'text/plain; a=1; a*0=2']) {
      expect(issues(t)[0]?.message, t).toMatch(/gives parameter "a" more than once/i)
    }
  })
  it('RFC 2231 values that cannot be decoded are refused', () => {
    expect(issues('text/plain; a*1=x')[0]?.message).toMatch(/missing its RFC 2231 section 0/)
    expect(issues('text/plain; a*0=x; a*2=y')[0]?.message).toMatch(/missing its RFC 2231 section 1/)
    expect(issues('text/plain; a*0=x; a*1*=%41')[0]?.message).toMatch(/section 0 must be extended/)
    expect(issues('text/plain; a*=nocharset')[0]?.message).toMatch(/starts with charset'language'/)
    expect(issues("text/plain; a*=iso-8859-1''%E9")[0]?.message).toMatch(/charset "iso-8859-1" is not supported/)
    expect(issues("text/plain; a*=utf-8''%C3")[0]?.message).toMatch(/not valid UTF-8/)
    expect(issues("text/plain; a*=us-ascii''%C3%BC")[0]?.message).toMatch(/not US-ASCII/)
    expect(issues("text/plain; a*=utf-8''%G0")[0]?.message).toMatch(/two hex digits/)
    expect(issues("text/plain; a*=utf-8'en_GB'x")[0]?.message).toMatch(/not a language tag/)
  })
  it('composite types are still refused', () => {
    expect(issues('Multipart/Mixed; boundary=x')[0]?.message).toMatch(/"Multipart\/Mixed" cannot be sent base64-encoded/)
    expect(issues('message/rfc822')[0]?.message).toMatch(/cannot be sent base64-encoded/)
    expect(issues('message/global')).toEqual([])
  })
  it('whitespace is allowed around "/", ";" and "=", and quoted-pairs are unescaped', () => {
    expect(parseMediaType(' Text / Plain ; charset = "utf-8" ')).toEqual({ ok: true, mediaType: { essence: 'Text/Plain', params: [{ name: 'charset', value: 'utf-8' }] } })
    expect(params('text/plain; title="a \\"b\\" \\\\ c"')).toEqual([{ name: 'title', value: 'a "b" \\ c' }])
  })
  it('RFC 2231 extended values and continuations are decoded', () => {
    expect(params("text/plain; title*=utf-8'de'%C3%9Cber%20alles")).toEqual([{ name: 'title', value: 'Über alles', language: 'de' }])
    expect(params("text/plain; title*=UTF-8''%EF%BB%BFx")).toEqual([{ name: 'title', value: '\ufeffx', language: undefined }])
    expect(params("text/plain; title*=''plain")).toEqual([{ name: 'title', value: 'plain', language: undefined }])
    expect(params('text/plain; t*1=" world"; t*0=hello')).toEqual([{ name: 't', value: 'hello world' }])
    expect(params("text/plain; t*0*=us-ascii'en'a%20b; t*1=\" c\"; t*2*=%21")).toEqual([{ name: 't', value: 'a b c!', language: 'en' }])
  })
})
