import { describe, expect, it } from 'vitest'
import { fromDomain, selectFields, SIGNED_FIELDS, signedFieldNames } from '../../../src/mail/dkim/index.js'

const fields = [
  'Received: one\r\n',
  'From: Ada <ada@Example.COM>\r\n',
  'To: bob@example.org\r\n',
  'Subject: hi\r\n',
  'X-Custom: not signed\r\n',
  'Received: two\r\n',
  'List-Unsubscribe: <https://example.com/u>\r\n',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n',
]

describe('the fields a signature covers', () => {
  it('lists the recommended fields present, once per instance, and from once more (over-signing)', () => {
    expect(signedFieldNames(fields)).toEqual(['from', 'subject', 'to', 'list-unsubscribe', 'list-unsubscribe-post', 'from'])
  })

  it('covers what RFC 6376 §5.4.1 recommends and List-Unsubscribe-Post (RFC 8058)', () => {
    for (const name of ['from', 'reply-to', 'subject', 'date', 'to', 'cc', 'resent-date', 'resent-from', 'resent-to', 'resent-cc', 'in-reply-to', 'references', 'list-id', 'list-help', 'list-unsubscribe', 'list-subscribe', 'list-post', 'list-owner', 'list-archive', 'list-unsubscribe-post'])
      expect(SIGNED_FIELDS).toContain(name)
    expect(SIGNED_FIELDS).not.toContain('received')
    expect(SIGNED_FIELDS).not.toContain('return-path')
  })

  it('selects repeated fields from the bottom up, and nothing for a name with no instance left', () => {
    expect(selectFields(fields, ['received', 'received', 'received'])).toEqual(['Received: two\r\n', 'Received: one\r\n'])
    expect(selectFields(fields, ['from', 'from'])).toEqual(['From: Ada <ada@Example.COM>\r\n'])
  })

  it('reads the From domain from the address in angle brackets, in lower case', () => {
    expect(fromDomain(fields)).toBe('example.com')
    expect(fromDomain(['From: "a@evil.example" <ada@news.example.com>\r\n'])).toBe('news.example.com')
    expect(fromDomain(['From: ada@example.net\r\n'])).toBe('example.net')
    expect(fromDomain(['To: x@y.z\r\n'])).toBeUndefined()
  })
})
