import { describe, expect, it } from 'vitest'
import { createNodeResolver } from '../../../src/runtime/node/dns.js'
import { findRoute } from '../../../src/smtp/mx/index.js'
import { SmtpError } from '../../../src/smtp/errors.js'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'

/** The zone's addresses are documentation ranges: these tests are about order, not about which addresses are allowed. */
const PRIVATE_OK = { allowPrivateAddresses: true }

/** Routing by RFC 5321 §5.1 and RFC 7505, against a DNS server on loopback through node:dns. */
describe('where mail for a domain goes', () => {
  const dns = useStarted(() =>
    startDnsServer({
      'ordered.test': { MX: [[30, 'c.ordered.test'], [10, 'a.ordered.test'], [20, 'b.ordered.test']] },
      'a.ordered.test': { A: ['192.0.2.1'] },
      'b.ordered.test': { A: ['192.0.2.2'], AAAA: ['2001:db8::2'] },
      'c.ordered.test': { A: ['192.0.2.3'] },
      'equal.test': { MX: [[10, 'x.equal.test'], [10, 'y.equal.test'], [5, 'first.equal.test']] },
      'first.equal.test': { A: ['192.0.2.10'] },
      'x.equal.test': { A: ['192.0.2.11'] },
      'y.equal.test': { A: ['192.0.2.12'] },
      'implicit.test': { A: ['192.0.2.20'], AAAA: ['2001:db8::20'] },
      'nothing.test': {},
      'null.test': { MX: [[0, '.']] },
      'dangling.test': { MX: [[10, 'gone.dangling.test'], [20, 'empty.dangling.test']], A: ['192.0.2.30'] },
      'empty.dangling.test': {},
      'partly.test': { MX: [[10, 'gone.partly.test'], [20, 'ok.partly.test']] },
      'ok.partly.test': { A: ['192.0.2.40'] },
      'servfail.test': { SERVFAIL: true },
    }),
  )
  const resolver = () => createNodeResolver({ servers: [dns().address], timeoutMs: 1_000, tries: 1 })
  const refusal = (domain: string) =>
    findRoute(domain, resolver(), PRIVATE_OK).then(
      () => undefined,
      (e: unknown) => {
        expect(e).toBeInstanceOf(SmtpError)
        const err = e as SmtpError
        return { code: err.code, reply: err.responseCode, enhanced: err.enhancedCode, transient: err.transient }
      },
    )

  it('sorts MX hosts by preference and resolves each to its addresses, IPv4 first', async () => {
    expect(await findRoute('ordered.test', resolver(), PRIVATE_OK)).toEqual({
      implicit: false,
      hosts: [
        { exchange: 'a.ordered.test', addresses: ['192.0.2.1'] },
        { exchange: 'b.ordered.test', addresses: ['192.0.2.2', '2001:db8::2'] },
        { exchange: 'c.ordered.test', addresses: ['192.0.2.3'] },
      ],
    })
  })

  it('shuffles hosts of equal preference, and only among themselves', async () => {
    const orders = new Set<string>()
    for (const values of [[0.1, 0.9, 0.5], [0.9, 0.1, 0.5]]) {
      let i = 0
      const route = await findRoute('equal.test', resolver(), { ...PRIVATE_OK, random: () => values[i++ % values.length]! })
      expect(route.hosts[0]!.exchange).toBe('first.equal.test')
      orders.add(route.hosts.map((h) => h.exchange).join(' '))
    }
    expect(orders).toEqual(new Set(['first.equal.test x.equal.test y.equal.test', 'first.equal.test y.equal.test x.equal.test']))
  })

  it('without MX records, uses the domain itself (the implicit MX)', async () => {
    expect(await findRoute('implicit.test', resolver(), PRIVATE_OK)).toEqual({ implicit: true, hosts: [{ exchange: 'implicit.test', addresses: ['192.0.2.20', '2001:db8::20'] }] })
  })

  it('skips MX hosts without an address', async () => {
    expect((await findRoute('partly.test', resolver(), PRIVATE_OK)).hosts).toEqual([{ exchange: 'ok.partly.test', addresses: ['192.0.2.40'] }])
  })

  it('with MX records none of whose hosts has an address, fails with 5.4.4 and never falls back to the domain\'s A record', async () => {
    expect(await refusal('dangling.test')).toEqual({ code: 'ENOROUTE', reply: 550, enhanced: '5.4.4', transient: false })
    expect(dns().queries).not.toContain('A dangling.test')
  })

  it('refuses a null MX (RFC 7505) with 556 5.1.10, looking up no address', async () => {
    expect(await refusal('null.test')).toEqual({ code: 'ENULLMX', reply: 556, enhanced: '5.1.10', transient: false })
    expect(dns().queries.filter((q) => q.endsWith(' null.test'))).toEqual(['MX null.test'])
  })

  it('refuses a domain that does not exist (NXDOMAIN), and one with no MX, A or AAAA record, with 5.1.2', async () => {
    expect(await refusal('nowhere.test')).toEqual({ code: 'ENODOMAIN', reply: 550, enhanced: '5.1.2', transient: false })
    expect(await refusal('nothing.test')).toEqual({ code: 'ENODOMAIN', reply: 550, enhanced: '5.1.2', transient: false })
  })

  it('calls a failing DNS server a temporary failure, 451 4.4.3', async () => {
    expect(await refusal('servfail.test')).toEqual({ code: 'EDNS', reply: 451, enhanced: '4.4.3', transient: true })
  })

  it('routes an address literal to that address, asking DNS nothing', async () => {
    const before = dns().queries.length
    expect(await findRoute('[192.0.2.99]', resolver(), PRIVATE_OK)).toEqual({ implicit: true, hosts: [{ exchange: '192.0.2.99', addresses: ['192.0.2.99'] }] })
    expect(dns().queries.length).toBe(before)
  })
})
