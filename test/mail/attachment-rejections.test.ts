import { describe, expect, it } from 'vitest'
import type { AttachmentInput, MailInput } from '../../src/mail/index.js'
import { checkBase64 } from '../../src/mail/base64-check.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', html: '<img src="cid:x">' }
const issues = (attachments: unknown) => issuesOf({ ...ok, attachments } as MailInput)
const one = (a: Partial<AttachmentInput> & Record<string, unknown>) => issues([{ filename: 'file.bin', content: 'AAAA', ...a }])

describe('attachment rejections', () => {
  it('bad base64 is an error naming the attachment', () => {
    const r = one({ filename: 'report.pdf', content: 'SGVsbG8*' })
    expect(r).toEqual([{ path: ['attachments', 0, 'content'], message: 'attachment "report.pdf": content is not valid base64: character "*" at offset 7' }])
  })
  it('base64url is refused with a hint', () => {
    expect(one({ content: 'ab-_' })[0]?.message).toMatch(/base64url is not accepted/)
  })
  it('a length that is not a multiple of 4', () => {
    expect(one({ content: 'SGVsbG8' })[0]?.message).toMatch(/length \(7 without whitespace\) is not a multiple of 4/)
    expect(one({ content: 'A' })[0]?.message).toMatch(/not a multiple of 4/)
  })
  it('padding in the middle', () => {
    expect(one({ content: 'SGk=SGk=' })[0]?.message).toMatch(/'=' padding at offset 3 is not at the end/)
    expect(one({ content: 'S===' })[0]?.message).toMatch(/padding/)
  })
  it('whitespace between base64 characters is fine', () => {
    expect(one({ content: 'SGVs\r\nbG8g\n d29y bGQ=' })).toEqual([])
    expect(one({ content: '' })).toEqual([])
    // Whitespace is dropped; plain base64 is taken as it is.
    expect(checkBase64('SGVs\r\nbG8g\n d29y bGQ=')).toEqual({ ok: true, value: 'SGVsbG8gd29ybGQ=' })
    for (const v of ['SGVsbG8gd29ybGQ=', 'SGk=', 'SA==', 'AAAA', '']) expect(checkBase64(v)).toEqual({ ok: true, value: v })
    for (const v of ['====', 'A===', 'SGk=SGk=', 'SGk', 'SG k=x']) expect(checkBase64(v).ok, v).toBe(false)
  })
  it('content must be a string', () => {
    expect(one({ content: 5 as unknown as string })[0]?.path).toEqual(['attachments', 0, 'content'])
  })
  it('filename is required, non-empty, without control characters', () => {
    expect(one({ filename: '' })[0]?.path).toEqual(['attachments', 0, 'filename'])
    expect(one({ filename: undefined })[0]?.path).toEqual(['attachments', 0, 'filename'])
    expect(one({ filename: 'a\r\nb.txt' })[0]?.message).toMatch(/control character/)
    expect(one({ filename: 'a\0.txt' })[0]?.message).toMatch(/control character/)
    expect(one({ filename: 'a\ud800.txt' })[0]?.message).toMatch(/surrogate/)
  })
  it('content_type must be a MIME type', () => {
    for (const t of ['pdf', 'text/plain\r\nX: y', 'a/b c', 'a/b;', '']) {
      expect(one({ content_type: t })[0]?.path, t).toEqual(['attachments', 0, 'content_type'])
    }
    expect(one({ content_type: 5 as unknown as string })[0]?.message).toMatch(/content_type must be a string/)
    expect(one({ content_type: 'text/plain; charset="utf-8"' })).toEqual([])
  })
  it('composite types cannot be base64 attachments', () => {
    expect(one({ content_type: 'multipart/mixed' })[0]?.message).toMatch(/cannot be sent base64-encoded/)
    expect(one({ content_type: 'message/rfc822' })[0]?.message).toMatch(/cannot be sent base64-encoded/)
  })
  it('content_id must be printable ASCII without spaces or brackets', () => {
    for (const id of ['has space', 'a<b', 'ü', '', 'x'.repeat(251)]) {
      expect(one({ content_id: id })[0]?.path, id).toEqual(['attachments', 0, 'content_id'])
    }
    expect(one({ content_id: '<logo@example.com>' })).toEqual([])
  })
  it('content_id must be unique', () => {
    const r = issues([
      { filename: 'a.png', content: '', content_id: 'logo' },
      { filename: 'b.png', content: '', content_id: '<LOGO>' },
    ])
    expect(r).toEqual([{ path: ['attachments', 1, 'content_id'], message: 'content_id "LOGO" is already used by attachment 0' }])
  })
  it('attachments must be an array of objects', () => {
    expect(issues({})[0]?.path).toEqual(['attachments'])
    expect(issues(['x'])[0]?.path).toEqual(['attachments', 0])
  })
})
