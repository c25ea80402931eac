import { describe, expect, it } from 'vitest'
import { composeForSending, fromNameIssue, type AddressInput } from '../../src/mail/index.js'

const nameOf = (from: AddressInput) => composeForSending({ from, to: 'bob@example.org', subject: 's', text: 't' }).fromName
const issueOf = (from: AddressInput) => fromNameIssue(from, nameOf(from))

describe('a from display name holding an address, judged on the name the composer parsed', () => {
  it('composeForSending gives the display name of from as parsed (unquoted), or undefined without one', () => {
    expect(nameOf('"CEO <ceo@evil.example>" <ops@example.com>')).toBe('CEO <ceo@evil.example>')
    expect(nameOf({ email: 'ops@example.com', name: 'Ops Team' })).toBe('Ops Team')
    expect(nameOf('ops@example.com')).toBeUndefined()
  })

  it('is an issue at from for a string, at from.name for an object', () => {
    expect(issueOf('"ceo@evil.example" <ops@example.com>')?.path).toEqual(['from'])
    expect(issueOf({ email: 'ops@example.com', name: 'CEO <ceo@evil.example>' })?.path).toEqual(['from', 'name'])
    expect(issueOf({ email: 'ops@example.com', name: 'ceo\uff20evil.example' })?.message).toMatch(/display name contains an address/)
  })

  it('is no issue for a name without an address, or no name', () => {
    expect(issueOf('Ops, Inc. <ops@example.com>')).toBeUndefined()
    expect(issueOf({ email: 'ops@example.com', name: '@ Home' })).toBeUndefined()
    expect(issueOf('ops@example.com')).toBeUndefined()
  })
})
