import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { hmacMd5, md5, toHex } from '../../src/smtp/md5.js'
import { base64Utf8, checkCredentials, chooseMechanism, createSaslMechanism, fromBase64Utf8 } from '../../src/smtp/sasl.js'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const enc = (s: string) => new TextEncoder().encode(s)

describe('SASL encodings', () => {
  it('PLAIN sends authzid-less \\0user\\0pass as the initial response', () => {
    const m = createSaslMechanism('PLAIN', { user: 'ädä', pass: 'p w' })
    expect(m.initial()).toBe(`AUTH PLAIN ${b64('\0ädä\0p w')}`)
  })

  it('LOGIN answers the username and password prompts', () => {
    const m = createSaslMechanism('LOGIN', { user: 'u', pass: 'secret' })
    expect(m.initial()).toBe('AUTH LOGIN')
    expect(m.respond(b64('Username:'))).toBe(b64('u'))
    expect(m.respond(b64('Password:'))).toBe(b64('secret'))
    // Unusual prompt wording: answer by order.
    const n = createSaslMechanism('LOGIN', { user: 'u', pass: 'secret' })
    expect(n.respond(b64('who?'))).toBe(b64('u'))
    expect(n.respond(b64('and?'))).toBe(b64('secret'))
  })

  it('CRAM-MD5 matches the RFC 2195 example', () => {
    const m = createSaslMechanism('CRAM-MD5', { user: 'tim', pass: 'tanstaaftanstaaf' })
    expect(m.initial()).toBe('AUTH CRAM-MD5')
    const answer = m.respond(b64('<1896.697170952@postoffice.reston.mci.net>'))
    expect(fromBase64Utf8(answer)).toBe('tim b913a602c7eda7a495b4e6e7334d3890')
  })

  it('XOAUTH2 sends the bearer token and answers an error challenge with an empty line', () => {
    const m = createSaslMechanism('XOAUTH2', { user: 'me@example.com', pass: 'ya29.token' })
    expect(m.initial()).toBe(`AUTH XOAUTH2 ${b64('user=me@example.com\x01auth=Bearer ya29.token\x01\x01')}`)
    expect(m.respond(b64('{"status":"401"}'))).toBe('')
  })

  it('base64 round-trips UTF-8', () => {
    fc.assert(fc.property(fc.string(), (s) => fromBase64Utf8(base64Utf8(s)) === Buffer.from(s, 'utf8').toString('utf8')))
  })
})

describe('portable MD5 / HMAC-MD5', () => {
  it('matches the RFC 1321 vectors', () => {
    expect(toHex(md5(enc('')))).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(toHex(md5(enc('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(toHex(md5(enc('12345678901234567890123456789012345678901234567890123456789012345678901234567890')))).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    )
  })

  it('agrees with node:crypto on arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 100 }), (key, msg) => {
        expect(toHex(md5(msg))).toBe(createHash('md5').update(msg).digest('hex'))
        expect(toHex(hmacMd5(key, msg))).toBe(createHmac('md5', key).update(msg).digest('hex'))
      }),
    )
  })
})

describe('mechanism choice', () => {
  const auth = { user: 'u', pass: 'p' }
  it('over TLS prefers PLAIN, then LOGIN, then CRAM-MD5; XOAUTH2 only when configured', () => {
    const tls = { secure: true, allowPlaintext: false }
    expect(chooseMechanism(['LOGIN', 'PLAIN', 'CRAM-MD5', 'XOAUTH2'], auth, tls)).toBe('PLAIN')
    expect(chooseMechanism(['CRAM-MD5', 'LOGIN'], auth, tls)).toBe('LOGIN')
    expect(chooseMechanism(['CRAM-MD5'], auth, tls)).toBe('CRAM-MD5')
    expect(chooseMechanism(['LOGIN', 'PLAIN', 'XOAUTH2'], auth, tls)).toBe('PLAIN')
    expect(chooseMechanism(['LOGIN', 'XOAUTH2'], auth, tls)).toBe('LOGIN')
    expect(chooseMechanism(['PLAIN'], { ...auth, method: 'XOAUTH2' }, tls)).toBe('XOAUTH2')
    expect(() => chooseMechanism(['XOAUTH2'], auth, tls)).toThrow(SmtpError)
  })

  it('refuses PLAIN, LOGIN and an XOAUTH2 token in clear text unless TLS mode is none', () => {
    expect(() => chooseMechanism(['XOAUTH2'], { ...auth, method: 'XOAUTH2' }, { secure: false, allowPlaintext: false })).toThrow(/clear-text/)
    expect(() => chooseMechanism(['PLAIN'], auth, { secure: false, allowPlaintext: false })).toThrow(/clear-text/)
    expect(chooseMechanism(['PLAIN'], auth, { secure: false, allowPlaintext: true })).toBe('PLAIN')
    expect(chooseMechanism(['CRAM-MD5', 'PLAIN'], auth, { secure: false, allowPlaintext: false })).toBe('CRAM-MD5')
    expect(chooseMechanism(['PLAIN', 'CRAM-MD5'], auth, { secure: false, allowPlaintext: true })).toBe('CRAM-MD5')
  })

  it('refuses credentials with CR, LF or NUL without echoing them', () => {
    for (const bad of ['a\r\nRCPT TO:<x@y>', 'a\nb', 'a\0b']) {
      let err: unknown
      try {
        checkCredentials({ user: 'u', pass: bad })
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(SmtpError)
      expect((err as SmtpError).code).toBe('EAUTH')
      expect((err as SmtpError).message).not.toContain(bad)
    }
    expect(() => checkCredentials({ user: 'u\n', pass: 'p' })).toThrow(SmtpError)
  })

  it('refuses a ^A in XOAUTH2 credentials, which would forge a field of the initial response', () => {
    expect(() => checkCredentials({ user: 'u', pass: 'tok\x01auth=Bearer other', method: 'XOAUTH2' })).toThrow(/XOAUTH2/)
    expect(() => checkCredentials({ user: 'u\x01x=y', pass: 'tok', method: 'XOAUTH2' })).toThrow(SmtpError)
    expect(() => checkCredentials({ user: 'u', pass: 'tok', method: 'XOAUTH2' })).not.toThrow()
  })
})
