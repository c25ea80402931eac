import { describe, expect, it } from 'vitest'
import { createNodeResolver } from '../../../src/runtime/node/dns.js'
import { findRoute } from '../../../src/smtp/mx/index.js'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'

/** A recipient domain's DNS, or an address literal, must not point direct delivery at a host inside mailbridge's own network. */
describe('direct delivery and non-public addresses', () => {
  const dns = useStarted(() =>
    startDnsServer({
      'inside.test': { MX: [[10, 'mx.inside.test']] },
      'mx.inside.test': { A: ['127.0.0.1'], AAAA: ['::1'] },
      'metadata.test': { A: ['169.254.169.254'] },
      'mixed.test': { MX: [[10, 'private.mixed.test'], [20, 'public.mixed.test']] },
      'private.mixed.test': { A: ['10.1.2.3'] },
      'public.mixed.test': { A: ['8.8.8.8'] },
    }),
    (d) => d.close(),
  )
  const resolver = () => createNodeResolver({ servers: [`127.0.0.1:${dns().port}`] })

  it.each([
    ['an MX host on loopback', 'inside.test', /127\.0\.0\.1, ::1/],
    ['an implicit MX on a link-local (cloud metadata) address', 'metadata.test', /169\.254\.169\.254/],
    ['an address literal inside the network', '[10.0.0.5]', /10\.0\.0\.5/],
  ])('refuses %s: 550 5.4.4, naming the addresses and MX_ALLOW_PRIVATE', async (_name, domain, addresses) => {
    const err = await findRoute(domain, resolver()).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'ENOROUTE', responseCode: 550, enhancedCode: '5.4.4' })
    expect((err as Error).message).toMatch(addresses)
    expect((err as Error).message).toMatch(/MX_ALLOW_PRIVATE=true allows them$/)
  })

  it('skips private MX hosts and keeps the public ones', async () => {
    expect((await findRoute('mixed.test', resolver())).hosts).toEqual([{ exchange: 'public.mixed.test', addresses: ['8.8.8.8'] }])
  })

  it('routes to them with allowPrivateAddresses (MX_ALLOW_PRIVATE=true)', async () => {
    expect((await findRoute('inside.test', resolver(), { allowPrivateAddresses: true })).hosts).toEqual([{ exchange: 'mx.inside.test', addresses: ['127.0.0.1', '::1'] }])
  })
})
