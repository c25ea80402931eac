import type { Config, ConfigIssue } from './load.js'
import { DELIVERY_VARIABLES, readDeliveryConfig, type DeliveryConfig } from './delivery.js'
import { DKIM_VARIABLES, readDkimConfig, type DkimConfig } from './dkim.js'

/**
 * How mail leaves, besides the relay settings: DKIM signing and direct
 * delivery to MX hosts. `loadConfig` calls {@link readOutbound} once and
 * hands its result the rest of the configuration, so these variables live
 * here rather than in `load.ts`.
 */

/** The variables of DKIM and direct delivery, in the order `docs/configuration.md` lists them. */
export const OUTBOUND_VARIABLES = [...DKIM_VARIABLES, ...DELIVERY_VARIABLES] as const

/** The part of `Config` read here. */
export interface OutboundConfig {
  /** DKIM signing; undefined: messages are not signed. */
  dkim: DkimConfig | undefined
  delivery: DeliveryConfig
}

/** The relay's variables: ignored when mail goes straight to MX hosts (`SMTP_TLS_CA_FILE` is not: `MX_TLS=verify` trusts it). */
const RELAY_VARIABLES = [
  'SMTP_HOST', 'SMTP_PORT', 'SMTP_TLS', 'SMTP_USER', 'SMTP_PASS', 'SMTP_AUTH_METHOD', 'SMTP_TLS_REJECT_UNAUTHORIZED',
  'SMTP_POOL_SIZE', 'SMTP_POOL_MAX_MESSAGES', 'SMTP_RETRY_ATTEMPTS', 'SMTP_FALLBACK_HOST', 'SMTP_FALLBACK_PORT', 'OUTBOX_DIR',
]

/** What {@link readOutbound} found: whether mail goes to MX hosts, and how to complete the configuration. */
export interface Outbound {
  /** `DELIVERY_MODE=mx`. */
  direct: boolean
  /** The configuration with `dkim`, `delivery` and their warnings added. */
  complete(config: Omit<Config, keyof OutboundConfig>): Config
}

/**
 * Reads the DKIM and delivery variables, pushing their problems onto
 * `issues` (so they are reported with every other variable's).
 */
export function readOutbound(
  environment: Readonly<Record<string, string | undefined>>,
  { readFile }: { readFile?: ((path: string) => string) | undefined },
  issues: ConfigIssue[],
): Outbound {
  const dkim = readDkimConfig(environment, readFile, issues)
  const delivery = readDeliveryConfig(environment, issues)
  const given = (name: string) => (environment[name] ?? '').trim() !== ''
  return {
    direct: delivery.mode === 'mx',
    complete(config) {
      const warnings: string[] = []
      if (delivery.mode === 'mx') {
        const ignored = RELAY_VARIABLES.filter(given)
        if (ignored.length > 0) warnings.push(`${ignored.join(', ')} ignored: DELIVERY_MODE=mx delivers straight to the recipients' MX hosts`)
        if (!isFullyQualified(config.smtp.ehloName))
          warnings.push(
            `SMTP_EHLO_NAME ${JSON.stringify(config.smtp.ehloName)} is not a fully qualified domain name: MX hosts refuse or distrust such a greeting; set it to this host's name in DNS, the one its PTR record gives`,
          )
        if (dkim === undefined) warnings.push('DELIVERY_MODE=mx without DKIM: large receivers reject or spam-folder unsigned mail from a server of its own; set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY')
      } else {
        // DNS_SERVERS also serves `mailbridge check`'s lookup of the DKIM records.
        const ignored = (DELIVERY_VARIABLES as readonly string[]).filter((n) => n !== 'DELIVERY_MODE' && !(n === 'DNS_SERVERS' && dkim) && given(n))
        if (ignored.length > 0) warnings.push(`${ignored.join(', ')} ignored: DELIVERY_MODE is relay, so mail goes through the relay`)
      }
      if (dkim !== undefined) warnings.push(...alignmentWarnings(dkim, config.allowedSenders, config.defaultFrom))
      return { ...config, dkim, delivery, warnings: [...config.warnings, ...warnings] }
    },
  }
}

/** A name with a dot, not an address literal, not `localhost` nor under `.local` or `.localdomain`. */
export function isFullyQualified(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '')
  if (n.startsWith('[') || /^[\d.]+$/.test(n) || !n.includes('.')) return false
  return !/(^|\.)(localhost|localdomain|local)$/.test(n)
}

/**
 * DMARC passes on DKIM only when the signing domain is the From domain or
 * its parent (relaxed alignment): one warning per sender domain that
 * `ALLOWED_SENDERS` or `DEFAULT_FROM` allow and no key covers, or one for any
 * sender when `ALLOWED_SENDERS` is unset.
 */
function alignmentWarnings(dkim: DkimConfig, allowed: readonly string[] | undefined, defaultFrom: string | undefined): string[] {
  const domains = dkim.keys.map((k) => k.domain)
  const signer = domains[0]!
  const covered = (d: string) => domains.some((k) => d === k || d.endsWith(`.${k}`))
  const senders = new Set<string>()
  for (const entry of allowed ?? []) senders.add(entry.slice(entry.lastIndexOf('@') + 1).toLowerCase())
  const fromDomain = defaultFrom === undefined ? undefined : /@([^@\s>]+)>?\s*$/.exec(defaultFrom)?.[1]?.toLowerCase()
  if (fromDomain !== undefined) senders.add(fromDomain)
  const warnings = [...senders]
    .filter((d) => !covered(d))
    .map((d) => `mail from ${d} is signed as d=${signer}, which DMARC does not count as aligned with that From domain: add a key for ${d} to DKIM_KEYS`)
  if (allowed === undefined)
    warnings.push(`ALLOWED_SENDERS is unset: mail from domains other than ${domains.join(', ')} is signed as d=${signer}, which DMARC does not count as aligned`)
  return warnings
}
