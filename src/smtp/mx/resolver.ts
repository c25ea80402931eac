/**
 * The DNS lookups direct delivery needs, as an interface each runtime
 * implements (on Node, `node:dns` in `src/runtime/node/dns.ts`) and the core
 * passes in, so `smtp/` imports no resolver of its own.
 */

/** One MX record. A null MX (RFC 7505) has the exchange `''` or `'.'`. */
export interface MxRecord {
  exchange: string
  priority: number
}

/** Why a lookup found nothing: the name does not exist, it has no record of that type, or DNS failed for now. */
export type DnsFailureKind = 'nxdomain' | 'nodata' | 'temporary'

/**
 * A lookup that found nothing. `nxdomain` and `nodata` are answers; only
 * `temporary` (a time-out, SERVFAIL, a refused query) may pass if asked later.
 */
export class DnsLookupError extends Error {
  override readonly name = 'DnsLookupError'
  readonly kind: DnsFailureKind
  /** The name asked about. */
  readonly hostname: string

  constructor(kind: DnsFailureKind, hostname: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.kind = kind
    this.hostname = hostname
  }
}

/** Resolves MX, A and AAAA records; rejects with a {@link DnsLookupError}. */
export interface MxResolver {
  /** The MX records of `domain`, in any order. */
  resolveMx(domain: string): Promise<MxRecord[]>
  /** The IPv4 addresses of `hostname`. */
  resolve4(hostname: string): Promise<string[]>
  /** The IPv6 addresses of `hostname`. */
  resolve6(hostname: string): Promise<string[]>
}

/** The kind of a lookup failure; anything that is not a {@link DnsLookupError} counts as temporary. */
export const failureKind = (err: unknown): DnsFailureKind => (err instanceof DnsLookupError ? err.kind : 'temporary')
