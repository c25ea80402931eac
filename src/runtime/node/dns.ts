import { Resolver } from 'node:dns/promises'
import { DnsLookupError, type MxResolver } from '../../smtp/mx/index.js'

/** Options for {@link createNodeResolver}. */
export interface NodeResolverOptions {
  /** `DNS_SERVERS`: `ip`, `ip:port` or `[ipv6]:port`; default the system's resolvers. */
  servers?: readonly string[] | undefined
  /** Per-query time-out, before each retry. Default 2 000 ms. */
  timeoutMs?: number
  /** Attempts per query. Default 2. */
  tries?: number
}

/** c-ares codes that are answers, not failures. */
const NXDOMAIN = new Set(['ENOTFOUND'])
const NODATA = new Set(['ENODATA'])

/**
 * The MX, A and AAAA lookups of direct delivery on `node:dns` (also under
 * Bun and Deno), asking `servers` when given. A name that does not exist
 * rejects with kind `nxdomain`, a name without records of the type with
 * `nodata`, anything else (time-out, SERVFAIL, refused) with `temporary`.
 *
 * @example
 * ```ts
 * const resolver = createNodeResolver({ servers: ['127.0.0.1:5353'] })
 * await resolver.resolveMx('example.org')
 * ```
 */
export function createNodeResolver({ servers, timeoutMs = 2_000, tries = 2 }: NodeResolverOptions = {}): MxResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries })
  if (servers !== undefined) resolver.setServers([...servers])
  const lookup = async <T>(type: string, name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (err) {
      const code = (err as { code?: unknown }).code
      const c = typeof code === 'string' ? code : 'unknown'
      const kind = NXDOMAIN.has(c) ? 'nxdomain' : NODATA.has(c) ? 'nodata' : 'temporary'
      throw new DnsLookupError(kind, name, `${type} lookup of ${name}: ${c}`, { cause: err })
    }
  }
  return {
    resolveMx: (domain) => lookup('MX', domain, () => resolver.resolveMx(domain)),
    resolve4: (hostname) => lookup('A', hostname, () => resolver.resolve4(hostname)),
    resolve6: (hostname) => lookup('AAAA', hostname, () => resolver.resolve6(hostname)),
  }
}
