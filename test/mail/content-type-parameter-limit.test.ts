import { describe, expect, it } from 'vitest'
import { composeMessage, type MailInput } from '../../src/mail/index.js'
import { MAX_CONTENT_TYPE_PARAMS } from '../../src/mail/content-type.js'
import { issuesOf } from './issues.js'

const ok: MailInput = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }
const withType = (contentType: string): MailInput => ({ ...ok, attachments: [{ filename: 'file.bin', content: '', content_type: contentType }] })
const typeWith = (n: number) => `text/plain${Array.from({ length: n }, (_, i) => `; p${i}=${i}`).join('')}`

describe('content_type parameter count', () => {
  it('is at most 16', () => {
    expect(MAX_CONTENT_TYPE_PARAMS).toBe(16)
    expect(issuesOf(withType(typeWith(16)))).toEqual([])
    expect(issuesOf(withType(typeWith(17)))).toEqual([
      {
        path: ['attachments', 0, 'content_type'],
        message: 'attachment "file.bin": content_type has more than 16 parameters; at most 16 are accepted',
      },
    ])
  })
  it('3,000 parameters are refused instead of becoming a 15 KB header line', () => {
    expect(() => composeMessage(withType(typeWith(3000)))).toThrow(/content_type has more than 16 parameters/)
  })
  it('each RFC 2231 section and each dropped parameter counts as written', () => {
    const sections = `text/plain${Array.from({ length: 17 }, (_, i) => `; t*${i}=x`).join('')}`
    expect(issuesOf(withType(sections))[0]?.message).toMatch(/more than 16 parameters/)
    expect(issuesOf(withType(`${typeWith(16)}; name=x`))[0]?.message).toMatch(/more than 16 parameters/)
  })
})
