import { describe, expect, it } from 'vitest'
import { createDkimSigner, type DkimKey } from '../../../src/core/dkim/index.js'
import { inspectPrivateKey } from '../../../src/mail/dkim/index.js'
import { testDkimKey, verifyWithMailauth } from '../../helpers/dkim.js'

const bytes = (s: string) => new TextEncoder().encode(s)
const message = (from: string) => bytes(`From: ${from}\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\nHello\r\n`)
const tag = (signed: Uint8Array, name: string) => new RegExp(`[; ]${name}=([^;]+);`).exec(Buffer.from(signed).toString('latin1').replace(/\r\n /g, ' '))?.[1]

describe('the signing key is picked by the From domain', () => {
  const a = testDkimKey('ed25519')
  const b = testDkimKey('rsa')
  const c = testDkimKey('ed25519')
  const keys: DkimKey[] = [
    { domain: 'example.com', selector: 'a', privateKey: inspectPrivateKey(a.privatePem) },
    { domain: 'example.net', selector: 'b', privateKey: inspectPrivateKey(b.privatePem) },
    { domain: 'mail.example.net', selector: 'c', privateKey: inspectPrivateKey(c.privatePem) },
  ]
  const records = { 'a._domainkey.example.com': a.record, 'b._domainkey.example.net': b.record, 'c._domainkey.mail.example.net': c.record }
  const signer = createDkimSigner({ keys })

  it('signs with the key of the From domain, case aside', async () => {
    const signed = await signer.sign(message('Bo <bo@EXAMPLE.net>'))
    expect([tag(signed, 'd'), tag(signed, 's'), tag(signed, 'a')]).toEqual(['example.net', 'b', 'rsa-sha256'])
    expect((await verifyWithMailauth(signed, records)).pass).toBe(true)
  })

  it('signs a subdomain with the closest parent key (aligned under DMARC relaxed alignment)', async () => {
    expect(signer.keyFor('news.example.com').selector).toBe('a')
    expect(signer.keyFor('x.mail.example.net').selector).toBe('c')
    expect(signer.keyFor('mail.example.net').selector).toBe('c')
  })

  it('signs mail from any other domain with the first key, so it still carries a valid signature', async () => {
    const signed = await signer.sign(message('someone@elsewhere.example'))
    expect(tag(signed, 'd')).toBe('example.com')
    expect((await verifyWithMailauth(signed, records)).pass).toBe(true)
    expect(signer.keyFor('notexample.com').selector).toBe('a')
  })
})

describe('the DKIM-Signature field', () => {
  const key = testDkimKey('rsa')
  const now = Date.UTC(2030, 0, 1)
  const signer = createDkimSigner({ keys: [{ domain: 'example.com', selector: 'mail', privateKey: inspectPrivateKey(key.privatePem) }], expireSeconds: 86_400, now: () => now })

  it('says relaxed/relaxed, t= and x= from the clock, over-signs from, and has no l=', async () => {
    const signed = await signer.sign(message('ada@example.com'))
    expect(tag(signed, 'c')).toBe('relaxed/relaxed')
    expect(tag(signed, 't')).toBe(String(now / 1000))
    expect(tag(signed, 'x')).toBe(String(now / 1000 + 86_400))
    expect(tag(signed, 'h')!.replace(/\s/g, '')).toBe('from:subject:to:from')
    expect(tag(signed, 'l')).toBeUndefined()
  })

  it('is the first field, folded to lines of at most 78 characters', async () => {
    const text = Buffer.from(await signer.sign(message('ada@example.com'))).toString('latin1')
    expect(text.startsWith('DKIM-Signature: v=1;')).toBe(true)
    const field = text.slice(0, text.indexOf('\r\nFrom:'))
    expect(field.split('\r\n').length).toBeGreaterThan(3)
    for (const line of field.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
  })

  it('has no x= without an expiry', async () => {
    const plain = createDkimSigner({ keys: [{ domain: 'example.com', selector: 'mail', privateKey: inspectPrivateKey(key.privatePem) }] })
    expect(tag(await plain.sign(message('ada@example.com')), 'x')).toBeUndefined()
  })
})
