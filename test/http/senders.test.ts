import { describe, expect, it } from 'vitest'
import { senderPolicy } from '../../src/http/senders.js'

describe('senderPolicy', () => {
  it('allows everyone when no entries are configured', () => {
    expect(senderPolicy()('anyone@anywhere.example')).toBe(true)
    expect(senderPolicy(['', ' '])('anyone@anywhere.example')).toBe(true)
  })

  it('matches domains case-insensitively and exactly (no subdomains)', () => {
    const allowed = senderPolicy(['@Example.COM'])
    expect(allowed('a@example.com')).toBe(true)
    expect(allowed('a@EXAMPLE.com')).toBe(true)
    expect(allowed('a@mail.example.com')).toBe(false)
    expect(allowed('a@example.com.evil.example')).toBe(false)
  })

  it('matches addresses with a case-insensitive domain and an exact local part', () => {
    const allowed = senderPolicy(['ops@Example.org'])
    expect(allowed('ops@example.ORG')).toBe(true)
    expect(allowed('OPS@example.org')).toBe(false)
    expect(allowed('ops2@example.org')).toBe(false)
  })

  it('takes the address inside angle brackets, not a look-alike display name', () => {
    const allowed = senderPolicy(['ops@example.org'])
    expect(allowed('Ops <ops@example.org>')).toBe(true)
    expect(allowed('"ops@example.org" <evil@evil.example>')).toBe(false)
    expect(allowed({ email: 'evil@evil.example', name: 'ops@example.org' })).toBe(false)
  })

  it('matches internationalized domains in Unicode or punycode form', () => {
    const allowed = senderPolicy(['@bücher.de'])
    expect(allowed('a@xn--bcher-kva.de')).toBe(true)
    expect(allowed('a@BÜCHER.de')).toBe(true)
  })

  it('never allows an address that does not parse', () => {
    expect(senderPolicy(['@example.com'])('not an address')).toBe(false)
  })
})
