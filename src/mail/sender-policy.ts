import { parseAddress } from './address.js'
import type { AddressInput, MailIssue } from './types.js'

/** Splits an envelope address (`local@ascii-domain`) into its local part and lower-cased domain. */
function splitEnvelope(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@')
  return at < 0 ? { local: address, domain: '' } : { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() }
}

/** An `ALLOWED_SENDERS` entry in envelope form, so Unicode and punycode domains compare equal. */
function normalize(entry: string): string {
  try {
    return parseAddress(entry).address
  } catch {
    return entry
  }
}

/**
 * Builds the `ALLOWED_SENDERS` check over the envelope sender (`local@domain`
 * with an ASCII/punycode domain, as the composer produces it). Entries are
 * addresses (`a@b.c`: local part exact, domain case-insensitive) or domains
 * (`@b.c`: exactly that domain, not its subdomains); internationalized domains
 * may be written in Unicode or punycode. An empty list allows every sender.
 *
 * @example
 * ```ts
 * const allowed = senderPolicy(['@example.com', 'ops@example.org'])
 * allowed('ada@EXAMPLE.com') // true
 * ```
 */
export function senderPolicy(entries: readonly string[] = []): (envelopeFrom: string) => boolean {
  const domains = new Set<string>()
  const addresses = new Set<string>()
  for (const raw of entries) {
    const entry = raw.trim()
    if (entry === '') continue
    if (entry.startsWith('@')) domains.add(splitEnvelope(normalize(`postmaster${entry}`)).domain)
    else {
      const { local, domain } = splitEnvelope(normalize(entry))
      addresses.add(`${local}@${domain}`)
    }
  }
  if (domains.size === 0 && addresses.size === 0) return () => true
  return (envelopeFrom) => {
    const { local, domain } = splitEnvelope(envelopeFrom)
    return domain !== '' && (domains.has(domain) || addresses.has(`${local}@${domain}`))
  }
}

/**
 * An at sign with text on both sides: what a reader takes for an address.
 * Also the full-width and small at signs (U+FF20, U+FE6B), which mail
 * readers show much like `@`. Spaces around the sign do not make it safe
 * (`ceo @ evil.example` still reads as an address).
 */
const ADDRESS_LIKE = /[^\s<>()[\]",;:@\uff20\ufe6b]\s*[@\uff20\ufe6b]\s*[^\s<>()[\]",;:@\uff20\ufe6b]/u

/**
 * Whether a display name holds text a reader could take for an address
 * (`ceo@evil.example`, `CEO <ceo@evil.example>`): readers often show the name
 * alone, so such a name claims a sender the `ALLOWED_SENDERS` check never saw.
 *
 * @example
 * ```ts
 * nameHoldsAddress('CEO <ceo@evil.example>') // true
 * nameHoldsAddress('Ada Lovelace') // false
 * ```
 */
export function nameHoldsAddress(name: string): boolean {
  return ADDRESS_LIKE.test(name)
}

/**
 * The problem with `name`, the display name of `from` (string or
 * `{email, name}`) as the composer parsed it, when it holds an address: at
 * `from.name` or `from`; `undefined` when the name is fine or absent.
 */
export function fromNameIssue(from: AddressInput, name: string | undefined): MailIssue | undefined {
  if (name === undefined || !nameHoldsAddress(name)) return undefined
  return {
    path: typeof from === 'object' ? ['from', 'name'] : ['from'],
    message: 'the display name contains an address; with ALLOWED_SENDERS set, a from name may not hold one',
  }
}
