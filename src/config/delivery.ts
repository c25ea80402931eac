import { shown } from './fields.js'

/**
 * How mail leaves: through the relay (`DELIVERY_MODE=relay`, the default) or
 * straight to each recipient domain's MX hosts (`DELIVERY_MODE=mx`), with
 * `MX_PORT`, `MX_TLS`, `MX_CONCURRENCY` and `DNS_SERVERS`.
 */

/** The variables this file reads, in the order `docs/configuration.md` lists them. */
export const DELIVERY_VARIABLES = ['DELIVERY_MODE', 'MX_PORT', 'MX_TLS', 'MX_CONCURRENCY', 'MX_ALLOW_PRIVATE', 'DNS_SERVERS'] as const

/**
 * TLS towards MX hosts: `may` uses STARTTLS when offered and does not check
 * the certificate (Postfix's `may`); `require` insists on STARTTLS but not on
 * the certificate (`encrypt`); `verify` insists on STARTTLS and a certificate
 * valid for the MX host name (`secure`).
 */
export type MxTlsPolicy = 'may' | 'require' | 'verify'

/** `DELIVERY_MODE` and what direct delivery needs. */
export interface DeliveryConfig {
  mode: 'relay' | 'mx'
  /** `MX_PORT`: 25 except in tests. */
  port: number
  tls: MxTlsPolicy
  /** `MX_CONCURRENCY`: most recipient domains one message is delivered to at once. */
  concurrency: number
  /** `MX_ALLOW_PRIVATE`: also deliver to loopback, private and other non-public addresses (tests, closed networks). */
  allowPrivateAddresses: boolean
  /** `DNS_SERVERS`: `ip` or `ip:port` (`[ipv6]:port`) entries; undefined: the system's resolvers. */
  dnsServers: string[] | undefined
}

/** One problem with one variable (the shape of `ConfigIssue`). */
interface Issue {
  variable: string
  message: string
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*$/i

/** Why a `DNS_SERVERS` entry is not `ip`, `ip:port`, `ipv6` or `[ipv6]:port`; undefined when it is. */
function dnsServerProblem(entry: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  const v4 = /^([\d.]+)(?::(\d+))?$/.exec(entry)
  const [ip, port] = bracketed ? [bracketed[1]!, bracketed[2]] : v4 ? [v4[1]!, v4[2]] : [entry, undefined]
  const ok = bracketed ? IPV6.test(ip) : v4 ? IPV4.test(ip) : IPV6.test(ip)
  if (!ok) return `${shown(entry)} is not an IP address (a resolver is named by address: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53)`
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return `${shown(entry)} has a port outside 1 to 65535`
  return undefined
}

/** The delivery settings of `environment`, pushing one issue per problem onto `issues`. */
export function readDeliveryConfig(environment: Readonly<Record<string, string | undefined>>, issues: Issue[]): DeliveryConfig {
  const get = (name: string) => {
    const v = environment[name]?.trim()
    return v === '' ? undefined : v
  }
  const choice = <T extends string>(variable: string, allowed: readonly T[], fallback: T): T => {
    const v = get(variable)?.toLowerCase()
    if (v === undefined) return fallback
    if ((allowed as readonly string[]).includes(v)) return v as T
    issues.push({ variable, message: `must be ${allowed.join(' or ')}, got ${shown(get(variable)!)}` })
    return fallback
  }
  const integer = (variable: string, min: number, max: number, fallback: number): number => {
    const v = get(variable)
    if (v === undefined) return fallback
    const n = /^\d+$/.test(v) ? Number(v) : NaN
    if (n >= min && n <= max) return n
    issues.push({ variable, message: `must be an integer from ${min} to ${max}, got ${shown(v)}` })
    return fallback
  }
  const mode = choice('DELIVERY_MODE', ['relay', 'mx'], 'relay')
  const port = integer('MX_PORT', 1, 65535, 25)
  const tls = choice('MX_TLS', ['may', 'require', 'verify'], 'may')
  const concurrency = integer('MX_CONCURRENCY', 1, 100, 5)
  const allowPrivateAddresses = choice('MX_ALLOW_PRIVATE', ['false', 'true', '0', '1', 'no', 'yes'], 'false')
  const allowPrivate = allowPrivateAddresses === 'true' || allowPrivateAddresses === '1' || allowPrivateAddresses === 'yes'
  const servers = get('DNS_SERVERS')
  let dnsServers: string[] | undefined
  if (servers !== undefined) {
    dnsServers = servers.split(',').map((s) => s.trim()).filter((s) => s !== '')
    const problems = dnsServers.map(dnsServerProblem).filter((p) => p !== undefined)
    if (dnsServers.length === 0) issues.push({ variable: 'DNS_SERVERS', message: 'is set but lists nothing; unset it to use the system resolvers' })
    for (const p of problems) issues.push({ variable: 'DNS_SERVERS', message: p })
  }
  return { mode, port, tls, concurrency, allowPrivateAddresses: allowPrivate, dnsServers }
}
