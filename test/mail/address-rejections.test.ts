import { describe, expect, it } from 'vitest'
import { MailValidationError, parseAddress, type AddressInput } from '../../src/mail/index.js'
import { issuesOf } from './issues.js'

function problem(input: AddressInput): string {
  try {
    parseAddress(input)
  } catch (e) {
    expect(e).toBeInstanceOf(MailValidationError)
    const err = e as MailValidationError
    expect(err.code).toBe('EMAIL_INVALID')
    return err.issues.map((i) => `${i.path.join('.')}|${i.message}`).join('\n')
  }
  throw new Error(`accepted ${JSON.stringify(input)}`)
}

describe('addresses that RFC 5321/5322 reject', () => {
  it('local part over 64 octets', () => {
    expect(problem(`${'a'.repeat(65)}@example.com`)).toMatch(/local part is 65 octets; the limit is 64/)
    expect(problem(`${'é'.repeat(33)}@example.com`)).toMatch(/local part is 66 octets/) // counted in UTF-8 octets
  })
  it('domain over 255 octets', () => {
    const domain = Array.from({ length: 5 }, () => 'd'.repeat(60)).join('.') + '.com'
    expect(problem(`a@${domain}`)).toMatch(/domain is 308 octets; the limit is 255/)
  })
  it('address over 254 octets', () => {
    const domain = Array.from({ length: 4 }, () => 'd'.repeat(61)).join('.') // 247
    expect(problem(`${'a'.repeat(10)}@${domain}`)).toMatch(/address is 258 octets; the limit is 254/)
  })
  it('domain label over 63 octets', () => {
    expect(problem(`a@${'x'.repeat(64)}.com`)).toMatch(/is 64 octets; the limit is 63/)
  })
  it('empty domain labels', () => {
    for (const a of ['a@example..com', 'a@.example.com', 'a@example.com.']) expect(problem(a)).toMatch(/empty label/)
  })
  it('empty parts in the local part', () => {
    for (const a of ['.a@example.com', 'a.@example.com', 'a..b@example.com']) expect(problem(a)).toMatch(/empty dot-separated part/)
  })
  it('spaces', () => {
    expect(problem('john doe@example.com')).toMatch(/contains a space/)
    expect(problem('Ada <ada@exa mple.com>')).toMatch(/domain contains a space/)
    expect(problem({ email: 'a b@example.com' })).toMatch(/^email\|.*contains a space/)
  })
  it('CR, LF or NUL anywhere', () => {
    expect(problem('a@example.com\r\nBcc: victim@example.org')).toMatch(/line break/)
    expect(problem('Ada\n <a@example.com>')).toMatch(/line break/)
    expect(problem('a\0@example.com')).toMatch(/NUL/)
    expect(problem('Ada <a\0@example.com>')).toMatch(/NUL/)
    expect(problem({ email: 'a@exa\0mple.com' })).toMatch(/^email\|.*NUL/)
    expect(problem({ email: 'a@example.com', name: 'Ada\r\nBcc: x@y.z' })).toMatch(/^name\|display name contains a line break/)
    expect(problem({ email: 'a@example.com\n' })).toMatch(/^email\|/)
  })
  it('unbalanced quotes', () => {
    expect(problem('"Ada <ada@example.com>')).toMatch(/unbalanced quotes/)
    expect(problem('"Ada" "x <ada@example.com>')).toMatch(/unbalanced quotes/)
    expect(problem('"ada@example.com')).toMatch(/unbalanced quotes/)
    expect(problem('"ada@example.com')).not.toBe('')
  })
  it('a bad quoted local part', () => {
    expect(problem('"a"b@example.com')).toMatch(/quoted local part has unbalanced quotes or a bad escape/)
    // RFC 5322 allows a TAB in a quoted string; the SMTP envelope (RFC 5321) does not.
    expect(problem('"a\tb"@example.com')).toMatch(/TAB/)
    expect(problem('"a\\\tb"@example.com')).toMatch(/TAB/)
  })
  it('no @, or nothing around it', () => {
    expect(problem('ada.example.com')).toMatch(/no '@'/)
    expect(problem('@example.com')).toMatch(/local part \(before '@'\) is empty/)
    expect(problem('ada@')).toMatch(/domain \(after '@'\) is empty/)
    expect(problem('')).toMatch(/empty/)
    expect(problem('Ada <>')).toMatch(/empty/)
  })
  it('characters that need quoting', () => {
    expect(problem('a(b@example.com')).toMatch(/contains '\('/)
    expect(problem('a,b@example.com')).toMatch(/contains ','/)
    expect(problem('a\u0085b@example.com')).toMatch(/contains '\u0085'/) // C1 controls are not UTF8-non-ascii text
    expect(problem('"a\u0085b"@example.com')).toMatch(/quoted local part/)
  })
  it('bad angle brackets', () => {
    expect(problem('Ada <ada@example.com')).toMatch(/without a closing '>'/)
    expect(problem('Ada ada@example.com>')).toMatch(/'>' without a matching '<'/)
    expect(problem('Ada <<ada@example.com>>')).toMatch(/more than one pair/)
    expect(problem('Ada <ada@example.com> trailing')).toMatch(/closing '>'/)
  })
  it('bad domain labels', () => {
    expect(problem('a@exa_mple.com')).toMatch(/letters, digits and inner hyphens/)
    expect(problem('a@-example.com')).toMatch(/letters, digits and inner hyphens/)
    expect(problem('a@example-.com')).toMatch(/letters, digits and inner hyphens/)
    expect(problem('a@example.123')).toMatch(/top-level domain is all digits/)
  })
  it('internationalized domains that are not valid', () => {
    expect(problem('a@ex%ample.com')).toMatch(/domain/)
    // A-labels that are not valid Punycode (or decode to nothing valid).
    expect(problem('a@xn--zz.com')).toMatch(/not a valid internationalized domain name/)
    expect(problem('a@mail.xn--a.example')).toMatch(/not a valid internationalized domain name/)
    expect(problem('a@XN--.example')).toMatch(/not a valid internationalized domain name/)
    // URL would take these apart (port, percent-decoding, path); they are refused first.
    expect(problem('a@bü%41cher.de')).toMatch(/domain contains '%'/)
    expect(problem('a@bücher.de:25')).toMatch(/domain contains ':'/)
    expect(problem('a@bücher.de/x')).toMatch(/domain contains '\/'/)
    expect(problem('a@bü_cher.de')).toMatch(/domain contains '_'/)
    expect(problem('a@xn--ü.de')).toMatch(/not a valid internationalized domain name|letters, digits/)
  })
  it('bad address literals', () => {
    expect(problem('a@[300.1.1.1]')).toMatch(/domain literal/)
    expect(problem('a@[example]')).toMatch(/domain literal/)
    // RFC 5321 §4.1.3 IPv6-addr: one "::" at most, 8 groups without it, at most 6 besides it (4 with IPv4).
    for (const v6 of ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7::', ':1:2:3:4:5:6:7:8', '12345::1', 'g::1', '1:2:3:4:5::1.2.3.4', '::1.2.3', '::256.1.1.1', '1.2.3.4', '']) {
      expect(problem(`a@[IPv6:${v6}]`)).toMatch(/domain literal/)
    }
  })
  it('unpaired surrogates in names and addresses', () => {
    expect(problem({ email: 'a@example.com', name: 'x\ud800' })).toMatch(/^name\|.*surrogate/)
    expect(problem('a\udc00@example.com')).toMatch(/surrogate/)
    expect(problem('Ada <a\udc00@example.com>')).toMatch(/surrogate/)
    expect(problem({ email: 'a\udc00@example.com' })).toMatch(/^email\|.*surrogate/)
    expect(problem('a@日本。。example')).toMatch(/empty label/)
  })
  it('the wrong shape', () => {
    expect(problem(42 as unknown as AddressInput)).toMatch(/must be a string or an object/)
    expect(problem({} as unknown as AddressInput)).toMatch(/^email\|email is required/)
    expect(problem({ email: 'a@example.com', name: 5 } as unknown as AddressInput)).toMatch(/^name\|name must be a string/)
  })
  it('messages quote the input with control characters escaped, and cut long input', () => {
    expect(problem('a@example.com\r\nBcc: x@y.z')).toBe('|invalid address "a@example.com\\r\\nBcc: x@y.z": contains a line break (CR or LF), which is not allowed here')
    expect(problem(`${'a'.repeat(5000)}@example.com`).length).toBeLessThan(200)
  })
  it('reports problems by JSON path inside a request', () => {
    const issues = issuesOf({
      from: { email: 'bad' },
      to: ['ok@example.com', { email: 'a b@example.com' }, 'x@'],
      cc: 'also bad',
      reply_to: ['fine@example.com', 'r@.x'],
      subject: 's',
      text: 't',
    })
    expect(issues.map((i) => i.path)).toEqual([['from', 'email'], ['to', 1, 'email'], ['to', 2], ['cc'], ['reply_to', 1]])
  })
})
