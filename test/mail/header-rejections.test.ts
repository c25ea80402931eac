import { describe, expect, it } from 'vitest'
import type { MailInput } from '../../src/mail/index.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }
const issues = (headers: Record<string, unknown>) => issuesOf({ ...ok, headers } as MailInput)

describe('custom header rejections', () => {
  it('structural headers cannot be set, in any letter case', () => {
    const names = ['From', 'to', 'CC', 'Bcc', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'content-transfer-encoding', 'Content-Disposition', 'Content-ID']
    for (const name of names) {
      const r = issues({ [name]: 'x' })
      expect(r, name).toHaveLength(1)
      expect(r[0]?.path).toEqual(['headers', name])
      expect(r[0]?.message).toMatch(/is set by mailbridge and cannot be given/)
    }
  })
  it('Reply-To, Sender, Return-Path and Received are refused too', () => {
    // Reply-To has its own field (a second header would be invalid); Sender would
    // bypass the sender policy; Return-Path and Received are trace fields.
    for (const name of ['Reply-To', 'Sender', 'Return-Path', 'Received']) expect(issues({ [name]: 'x' }), name).toHaveLength(1)
  })
  it('names must be RFC 5322 field names', () => {
    for (const name of ['X Foo', 'X:Foo', 'X-Föö', '', 'X-\tTab', 'X-\u007f']) {
      const r = issues({ [name]: 'v' })
      expect(r, JSON.stringify(name)).toHaveLength(1)
      expect(r[0]?.message).toMatch(/header name/)
    }
    expect(issues({ [`X-${'a'.repeat(80)}`]: 'v' })[0]?.message).toMatch(/longer than 76/)
  })
  it('values with CR, LF or NUL are refused, never cleaned', () => {
    expect(issues({ 'X-A': 'a\r\nBcc: victim@example.org' })[0]?.message).toMatch(/line break/)
    expect(issues({ 'X-A': 'a\rb' })[0]?.message).toMatch(/line break/)
    expect(issues({ 'X-A': 'a\nb' })[0]?.message).toMatch(/line break/)
    expect(issues({ 'X-A': 'a\0b' })[0]?.message).toMatch(/NUL/)
  })
  it('values must be strings', () => {
    expect(issues({ 'X-A': 5 })[0]?.message).toMatch(/must be a string/)
  })
  it('headers must be an object', () => {
    expect(issuesOf({ ...ok, headers: ['X-A: b'] } as unknown as MailInput)[0]?.path).toEqual(['headers'])
  })
  it('ordinary custom headers are accepted', () => {
    expect(issues({ 'X-Campaign': 'welcome', 'List-Unsubscribe': '<mailto:u@example.com>', 'In-Reply-To': '<a@b>', 'X-Empty': '' })).toEqual([])
  })
})
