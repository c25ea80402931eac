import { SmtpError } from '../errors.js'
import { isPublicAddress } from './public-address.js'
import { failureKind, type MxRecord, type MxResolver } from './resolver.js'

/** One MX host and its addresses, IPv4 first. */
export interface MxHost {
  /** The exchange name: what a certificate is checked against under `MX_TLS=verify`. */
  exchange: string
  addresses: string[]
}

/** Where a domain's mail goes: its MX hosts, most preferred first. */
export interface Route {
  hosts: MxHost[]
  /** No MX records: the domain itself is the host (RFC 5321 §5.1, the implicit MX). */
  implicit: boolean
}

/** Options for {@link findRoute}. */
export interface RouteOptions {
  /** Shuffles hosts of equal preference; default `Math.random`. */
  random?: () => number
  /**
   * Also route to loopback, private, link-local and other non-public
   * addresses (`MX_ALLOW_PRIVATE`): for tests and closed networks. Default
   * false: a domain's DNS, or an address literal, cannot point mailbridge at
   * a host inside its own network.
   */
  allowPrivateAddresses?: boolean
}

const failed = (code: 'ENULLMX' | 'ENODOMAIN' | 'ENOROUTE' | 'EDNS', message: string, reply: number, enhancedCode: string) =>
  new SmtpError(code, message, { responseCode: reply, enhancedCode, transient: code === 'EDNS' })

const isNull = (r: MxRecord) => r.exchange === '' || r.exchange === '.'

/**
 * Where mail for `domain` goes (RFC 5321 §5.1): its MX records by
 * preference, equal preferences in random order, each exchange resolved to
 * its A and AAAA addresses. Without MX records, the domain's own addresses
 * (the implicit MX); with MX records none of whose hosts has an address, no
 * route at all (no fallback to the domain's A record). An address literal
 * (`[192.0.2.1]`) is its own route. Only public addresses are kept unless
 * `allowPrivateAddresses` says otherwise.
 *
 * @throws {SmtpError} `ENULLMX` for a null MX (RFC 7505), 556 5.1.10;
 *   `ENODOMAIN` for a domain that does not exist or has no MX, A or AAAA
 *   record, 550 5.1.2; `ENOROUTE` when no MX host has a (public) address, 550 5.4.4;
 *   `EDNS` when DNS failed for now, 451 4.4.3 (transient)
 */
export async function findRoute(domain: string, resolver: MxResolver, { random = Math.random, allowPrivateAddresses = false }: RouteOptions = {}): Promise<Route> {
  const route = await lookUpRoute(domain, resolver, random)
  if (allowPrivateAddresses) return route
  const hosts = route.hosts.map((h) => ({ ...h, addresses: h.addresses.filter(isPublicAddress) })).filter((h) => h.addresses.length > 0)
  if (hosts.length === 0) {
    throw failed(
      'ENOROUTE',
      `${domain} leads only to private, loopback or other non-public addresses (${route.hosts.flatMap((h) => h.addresses).join(', ')}), where mailbridge never delivers; MX_ALLOW_PRIVATE=true allows them`,
      550,
      '5.4.4',
    )
  }
  return { ...route, hosts }
}

async function lookUpRoute(domain: string, resolver: MxResolver, random: () => number): Promise<Route> {
  const literal = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(domain)
  if (literal) return { hosts: [{ exchange: literal[1]!, addresses: [literal[1]!] }], implicit: true }

  let records: MxRecord[]
  try {
    records = await resolver.resolveMx(domain)
  } catch (err) {
    const kind = failureKind(err)
    if (kind === 'nxdomain') throw failed('ENODOMAIN', `${domain} does not exist (NXDOMAIN)`, 550, '5.1.2')
    if (kind === 'temporary') throw failed('EDNS', `the MX lookup of ${domain} failed: ${errorText(err)}`, 451, '4.4.3')
    records = []
  }
  if (records.length === 0) {
    const addresses = await addressesOf(domain, resolver)
    if (addresses.temporary && addresses.list.length === 0) throw failed('EDNS', `the address lookup of ${domain} failed: ${addresses.temporary}`, 451, '4.4.3')
    if (addresses.list.length === 0) throw failed('ENODOMAIN', `${domain} has no MX, A or AAAA record`, 550, '5.1.2')
    return { hosts: [{ exchange: domain, addresses: addresses.list }], implicit: true }
  }
  const usable = records.filter((r) => !isNull(r))
  if (usable.length === 0) throw failed('ENULLMX', `${domain} accepts no mail: it publishes a null MX (RFC 7505)`, 556, '5.1.10')

  const ordered = byPreference(usable, random)
  const resolved = await Promise.all(ordered.map(async (r) => ({ exchange: r.exchange.replace(/\.$/, ''), found: await addressesOf(r.exchange, resolver) })))
  const hosts = resolved.filter((h) => h.found.list.length > 0).map((h) => ({ exchange: h.exchange, addresses: h.found.list }))
  if (hosts.length === 0) {
    const temporary = resolved.find((h) => h.found.temporary)
    if (temporary) throw failed('EDNS', `the address lookup of ${temporary.exchange}, an MX host of ${domain}, failed: ${temporary.found.temporary}`, 451, '4.4.3')
    throw failed('ENOROUTE', `none of the MX hosts of ${domain} (${resolved.map((h) => h.exchange).join(', ')}) has an address`, 550, '5.4.4')
  }
  return { hosts, implicit: false }
}

/** MX records sorted by preference, those of equal preference shuffled (RFC 5321 §5.1). */
export function byPreference(records: readonly MxRecord[], random: () => number = Math.random): MxRecord[] {
  const keyed = records.map((r) => ({ r, k: random() }))
  keyed.sort((a, b) => a.r.priority - b.r.priority || a.k - b.k)
  return keyed.map((x) => x.r)
}

/** A name's A then AAAA addresses; `temporary` says why, when a lookup failed for now. */
async function addressesOf(name: string, resolver: MxResolver): Promise<{ list: string[]; temporary: string | undefined }> {
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)])
  const list = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])]
  const failure = [v4, v6].find((r): r is PromiseRejectedResult => r.status === 'rejected' && failureKind(r.reason) === 'temporary')
  return { list, temporary: failure ? errorText(failure.reason) : undefined }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))
