import { describe, expect, it } from 'vitest'
import { testDkimKey } from '../../helpers/dkim.js'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'
import { runCli } from './cli-process.js'

/** `mailbridge check` looks up each DKIM key's TXT record and compares it with the key. */
describe('mailbridge check with DKIM', () => {
  const rsa = testDkimKey('rsa')
  const other = testDkimKey('rsa')
  const ed = testDkimKey('ed25519')
  // The record as a DNS provider holds it: one record of strings of at most 255 characters.
  const split = (text: string) => [text.match(/.{1,255}/g)!]
  const dns = useStarted(() =>
    startDnsServer({
      'good._domainkey.example.com': { TXT: split(rsa.record) },
      'stale._domainkey.example.com': { TXT: ['v=spf1 -all', ...split(other.record)] },
      'typed._domainkey.example.com': { TXT: [ed.record] },
      'example.com': { MX: [[10, 'mx.example.com']] },
    }),
  )
  const check = (selector: string) =>
    runCli(['check'], {
      DELIVERY_MODE: 'mx',
      MX_ALLOW_PRIVATE: 'true', // the MX hosts listen on loopback
      DNS_SERVERS: dns().address,
      SMTP_EHLO_NAME: 'mail.example.com',
      ALLOWED_SENDERS: '@example.com',
      DKIM_DOMAIN: 'example.com',
      DKIM_SELECTOR: selector,
      DKIM_PRIVATE_KEY: rsa.privatePem,
    })

  it('exits 0 when DNS publishes the key', async () => {
    const result = await check('good')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('DKIM record good._domainkey.example.com publishes this rsa key')
  })

  it('exits 1 naming what is wrong: another key, another key type, or no record', async () => {
    const stale = await check('stale')
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('warn: DKIM record stale._domainkey.example.com publishes another key: signatures will not verify')
    const typed = await check('typed')
    expect(typed.code).toBe(1)
    expect(typed.stderr).toContain('DKIM record typed._domainkey.example.com is for a ed25519 key, and this key is rsa')
    const missing = await check('missing')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/DKIM record missing\._domainkey\.example\.com is not published \(ENOTFOUND\)/)
  })
})
