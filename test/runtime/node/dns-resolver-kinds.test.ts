import { describe, expect, it } from 'vitest'
import { createNodeResolver } from '../../../src/runtime/node/dns.js'
import { DnsLookupError } from '../../../src/smtp/mx/index.js'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'

/** node:dns against a DNS server on loopback: answers come back as records, failures as one of three kinds. */
describe('the Node resolver of direct delivery', () => {
  const dns = useStarted(() =>
    startDnsServer({
      'example.org': { MX: [[20, 'mx2.example.org'], [10, 'mx1.example.org']], A: ['127.0.0.1'] },
      'mx1.example.org': { A: ['127.0.0.2'], AAAA: ['::1'] },
      'null.example': { MX: [[0, '.']] },
      'broken.example': { SERVFAIL: true },
    }),
  )
  const resolver = () => createNodeResolver({ servers: [dns().address], timeoutMs: 1_000, tries: 1 })
  const kindOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof DnsLookupError ? e.kind : `not a DnsLookupError: ${String(e)}`))

  it('asks DNS_SERVERS and returns MX, A and AAAA records', async () => {
    expect((await resolver().resolveMx('example.org')).sort((a, b) => a.priority - b.priority)).toEqual([
      { exchange: 'mx1.example.org', priority: 10 },
      { exchange: 'mx2.example.org', priority: 20 },
    ])
    expect(await resolver().resolve4('mx1.example.org')).toEqual(['127.0.0.2'])
    expect(await resolver().resolve6('mx1.example.org')).toEqual(['::1'])
    expect(dns().queries).toContain('MX example.org')
  })

  it('returns a null MX as one record with an empty exchange', async () => {
    expect(await resolver().resolveMx('null.example')).toEqual([{ exchange: '', priority: 0 }])
  })

  it('tells a name that does not exist (nxdomain) from one without such records (nodata) and from a failing server (temporary)', async () => {
    expect(await kindOf(resolver().resolveMx('nowhere.example'))).toBe('nxdomain')
    expect(await kindOf(resolver().resolve6('example.org'))).toBe('nodata')
    expect(await kindOf(resolver().resolveMx('mx1.example.org'))).toBe('nodata')
    expect(await kindOf(resolver().resolveMx('broken.example'))).toBe('temporary')
  })

  it('calls a resolver that does not answer temporary', async () => {
    const silent = createNodeResolver({ servers: ['127.0.0.1:9'], timeoutMs: 200, tries: 1 })
    expect(await kindOf(silent.resolveMx('example.org'))).toBe('temporary')
  })
})
