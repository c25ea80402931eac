import { describe, expect, it } from 'vitest'
import { senderPolicy } from '../../src/mail/sender-policy.js'

describe('senderPolicy', () => {
  it('allows everyone when no entries are configured', () => {
    expect(senderPolicy()('anyone@anywhere.example')).toBe(true)
    expect(senderPolicy([])('anyone@anywhere.example')).toBe(true)
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

  it('matches entries written with Unicode domains against the punycode envelope', () => {
    expect(senderPolicy(['@bücher.de'])('a@xn--bcher-kva.de')).toBe(true)
    expect(senderPolicy(['ops@BÜCHER.de'])('ops@xn--bcher-kva.de')).toBe(true)
    expect(senderPolicy(['@xn--bcher-kva.de'])('a@xn--bcher-kva.de')).toBe(true)
  })

  it('never allows an address without a domain', () => {
    expect(senderPolicy(['@example.com'])('example.com')).toBe(false)
  })
})
