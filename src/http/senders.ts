import { parseAddress } from '../mail/index.js'
import type { AddressInput } from '../mail/types.js'

/** `local` and lower-cased ASCII (punycode) `domain` of an address, or undefined when it does not parse. */
function mailbox(input: AddressInput): { local: string; domain: string } | undefined {
  try {
    const a = parseAddress(input)
    return { local: a.local, domain: a.asciiDomain.toLowerCase() }
  } catch {
    return undefined
  }
}

/**
 * Builds the `ALLOWED_SENDERS` check. Entries are addresses (`a@b.c`: local
 * part exact, domain case-insensitive) or domains (`@b.c`: exactly that
 * domain, not its subdomains). Internationalized domains match in either
 * form. An empty list allows every sender; an address that does not parse is
 * never allowed.
 *
 * @example
 * ```ts
 * const allowed = senderPolicy(['@example.com', 'ops@example.org'])
 * allowed('Ada <ada@EXAMPLE.com>') // true
 * ```
 */
export function senderPolicy(entries: readonly string[] = []): (from: AddressInput) => boolean {
  const domains = new Set<string>()
  const addresses = new Set<string>()
  for (const raw of entries) {
    const entry = raw.trim()
    if (entry === '') continue
    if (entry.startsWith('@')) {
      domains.add(mailbox(`postmaster${entry}`)?.domain ?? entry.slice(1).toLowerCase())
    } else {
      const m = mailbox(entry)
      addresses.add(m ? `${m.local}@${m.domain}` : entry)
    }
  }
  if (domains.size === 0 && addresses.size === 0) return () => true
  return (from) => {
    const m = mailbox(from)
    return m !== undefined && (domains.has(m.domain) || addresses.has(`${m.local}@${m.domain}`))
  }
}
