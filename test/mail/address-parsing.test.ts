import { describe, expect, it } from 'vitest'
import { parseAddress } from '../../src/mail/index.js'

describe('address parsing', () => {
  it('bare addresses', () => {
    expect(parseAddress('ada@example.com')).toEqual({
      name: undefined, local: 'ada', domain: 'example.com', asciiDomain: 'example.com', address: 'ada@example.com', smtputf8: false,
    })
    expect(parseAddress('  ada@example.com  ').address).toBe('ada@example.com')
  })
  it('names, quoted names and escapes', () => {
    expect(parseAddress('Ada Lovelace <ada@example.com>').name).toBe('Ada Lovelace')
    expect(parseAddress('"Last, First" <first@example.com>').name).toBe('Last, First')
    expect(parseAddress('"Say \\"hi\\" \\\\ <x>" <a@example.com>').name).toBe('Say "hi" \\ <x>')
    expect(parseAddress('<a@example.com>').name).toBeUndefined()
    expect(parseAddress({ email: 'a@example.com', name: '' }).name).toBeUndefined()
    expect(parseAddress({ email: 'a@example.com', name: 'Zoë, "Z"' }).name).toBe('Zoë, "Z"')
  })
  it('quoted local parts and special characters', () => {
    expect(parseAddress('"john doe"@example.com').address).toBe('"john doe"@example.com')
    expect(parseAddress('"a@b"@example.com').local).toBe('"a@b"')
    expect(parseAddress("o'brien+tag=x@example.com").local).toBe("o'brien+tag=x")
  })
  it('IDN domains become punycode through WHATWG URL', () => {
    expect(parseAddress('a@xn--bcher-kva.example').address).toBe('a@xn--bcher-kva.example')
    const a = parseAddress('Zoë <zoe@Bücher.example>')
    expect(a.domain).toBe('Bücher.example')
    expect(a.asciiDomain).toBe('xn--bcher-kva.example')
    expect(a.address).toBe('zoe@xn--bcher-kva.example')
    expect(a.smtputf8).toBe(false)
    expect(parseAddress('a@日本.example').asciiDomain).toBe('xn--wgv71a.example')
    expect(parseAddress('a@日本。example').asciiDomain).toBe('xn--wgv71a.example') // ideographic full stop separates labels
  })
  it('a non-ASCII local part needs SMTPUTF8', () => {
    const a = parseAddress('用户@例子.广告')
    expect(a.smtputf8).toBe(true)
    expect(a.address).toMatch(/^用户@xn--fsqu00a\.xn--[a-z0-9]+$/)
  })
  it('address literals and single-label domains', () => {
    expect(parseAddress('a@[192.0.2.1]').address).toBe('a@[192.0.2.1]')
    expect(parseAddress('a@[IPv6:2001:db8::1]').address).toBe('a@[IPv6:2001:db8::1]')
    for (const v6 of ['::', '::1', '2001:db8:0:0:0:0:0:1', '2001:DB8::', '1:2:3::4:5:6', '::ffff:192.0.2.1', '1:2:3:4:5:6:192.0.2.1', '1:2::3:4:192.0.2.1']) {
      expect(parseAddress(`a@[IPv6:${v6}]`).address).toBe(`a@[IPv6:${v6}]`)
    }
    expect(parseAddress('root@localhost').address).toBe('root@localhost')
  })
  it('limits are inclusive', () => {
    expect(parseAddress(`${'a'.repeat(64)}@example.com`).local).toHaveLength(64)
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(57)}` // 249
    expect(parseAddress(`abcd@${domain}`).address).toHaveLength(254)
  })
})
