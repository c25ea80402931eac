import { describe, expect, it } from 'vitest'
import { composeMessage, MailValidationError, type MailInput } from '../../src/mail/index.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }
const paths = (input: unknown) => issuesOf(input as MailInput).map((i) => i.path.join('.'))
const messages = (input: unknown) => issuesOf(input as MailInput).map((i) => i.message).join('\n')

describe('request-level rejections', () => {
  it('a valid request has no issues', () => {
    expect(issuesOf(ok)).toEqual([])
  })
  it('from is required', () => {
    expect(paths({ ...ok, from: undefined })).toEqual(['from'])
  })
  it('at least one recipient', () => {
    expect(paths({ ...ok, to: [] })).toEqual(['to'])
    expect(messages({ ...ok, to: undefined })).toMatch(/at least one recipient/)
    expect(paths({ ...ok, to: undefined, bcc: 'x@example.com' })).toEqual([])
  })
  it('subject is required and a string', () => {
    expect(paths({ ...ok, subject: undefined })).toEqual(['subject'])
    expect(paths({ ...ok, subject: 5 })).toEqual(['subject'])
  })
  it('subject with CR, LF or NUL is refused, not cleaned', () => {
    expect(messages({ ...ok, subject: 'a\r\nBcc: x@y.z' })).toMatch(/subject contains a line break/)
    expect(messages({ ...ok, subject: 'a\nb' })).toMatch(/line break/)
    expect(messages({ ...ok, subject: 'a\0b' })).toMatch(/NUL/)
  })
  it('unpaired surrogates are refused', () => {
    expect(paths({ ...ok, subject: 'a\udc00' })).toEqual(['subject'])
    expect(paths({ ...ok, text: 'x\ud83d' })).toEqual(['text'])
    expect(paths({ ...ok, text: undefined, html: '\ud83d<p>' })).toEqual(['html'])
  })
  it('text or html is required, and they must be strings', () => {
    expect(paths({ ...ok, text: undefined })).toEqual(['text'])
    expect(paths({ ...ok, text: 7 })).toEqual(['text'])
    expect(paths({ ...ok, text: undefined, html: ['x'] })).toEqual(['html'])
  })
  it('the request must be an object', () => {
    expect(paths(null)).toEqual([''])
    expect(paths([])).toEqual([''])
  })
  it('every problem is reported at once', () => {
    const input = {
      from: 'nope',
      to: ['ok@example.com', { email: 'x@@y' }],
      subject: 'a\nb',
      text: 1,
      attachments: [{ filename: 'a.bin', content: '!!!' }],
      headers: { Bcc: 'x@example.com', 'X-Ok': 'fine', 'X-Bad': 'a\r\nb' },
    }
    expect(paths(input)).toEqual(['from', 'to.1.email', 'subject', 'text', 'attachments.0.content', 'headers.Bcc', 'headers.X-Bad'])
    try {
      composeMessage(input as unknown as MailInput)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MailValidationError)
      expect((e as MailValidationError).issues).toHaveLength(7)
      expect((e as MailValidationError).message).toMatch(/^from: invalid address "nope"/)
    }
  })
})
