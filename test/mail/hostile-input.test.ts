import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeMessage, MailValidationError, type MailInput } from '../../src/mail/index.js'
import { issuesOf } from './issues.js'

const json = fc.jsonValue({ maxDepth: 3 })
const field = fc.oneof(json, fc.string({ unit: 'binary' }), fc.constant(undefined))
const request = fc.record(
  {
    from: fc.oneof(field, fc.constant('a@example.com')),
    to: fc.oneof(field, fc.constant(['b@example.com', { email: 'c@example.com', name: 'C' }])),
    cc: field,
    bcc: field,
    reply_to: field,
    subject: field,
    text: field,
    html: field,
    attachments: fc.oneof(field, fc.array(fc.record({ filename: field, content: fc.oneof(field, fc.base64String()), content_type: field, content_id: field }, { requiredKeys: [] }))),
    headers: fc.oneof(field, fc.dictionary(fc.string(), field)),
  },
  { requiredKeys: [] },
)

describe('hostile input', () => {
  it('any JSON-shaped request gives issues or a message, never a crash', () => {
    fc.assert(
      fc.property(request, (input) => {
        const issues = issuesOf(input as MailInput)
        for (const i of issues) {
          expect(Array.isArray(i.path)).toBe(true)
          expect(typeof i.message).toBe('string')
        }
        try {
          const m = composeMessage(input as MailInput)
          expect(issues).toEqual([])
          expect(m.raw.length).toBeGreaterThan(0)
        } catch (e) {
          expect(e).toBeInstanceOf(MailValidationError)
          expect((e as MailValidationError).issues).toEqual(issues)
        }
      }),
      { numRuns: 500 },
    )
  })
})
