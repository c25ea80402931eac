/**
 * RFC 5321 §4.1.3 address literals: `[IPv4]` and `[IPv6:…]`, checked by their
 * grammar (no `node:net`, so `src/mail` stays runtime-neutral).
 */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/
const IPV6_TAG = /^IPv6:/i

/** Whether `text` is an RFC 5321 `IPv4-address-literal` without its brackets. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text)
}

/**
 * Whether `text` (without brackets and the `IPv6:` tag) is an RFC 5321
 * `IPv6-addr`: 8 groups, or 6 and an IPv4 address; with `::`, at most 6
 * groups besides it (4 with an IPv4 address), and `::` only once.
 */
export function isIpv6(text: string): boolean {
  let rest = text
  let groupsNeeded = 8
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.', lastColon)) {
    if (lastColon === -1 || !isIpv4(text.slice(lastColon + 1))) return false
    groupsNeeded = 6 // the IPv4 address stands for the last two
    rest = text.slice(0, lastColon + 1) // "1:…:6:", "::" or "::ffff:"
    if (!rest.endsWith('::')) rest = rest.slice(0, -1)
  }
  const halves = rest.split('::')
  if (halves.length > 2) return false
  const head = hexGroups(halves[0]!)
  const tail = halves.length === 2 ? hexGroups(halves[1]!) : []
  if (head === null || tail === null) return false
  // "::" stands for at least two zero groups (RFC 5321 is stricter than RFC 4291 here).
  return halves.length === 1 ? head.length === groupsNeeded : head.length + tail.length <= groupsNeeded - 2
}

function hexGroups(s: string): string[] | null {
  if (s === '') return []
  const parts = s.split(':')
  return parts.every((p) => HEX_GROUP.test(p)) ? parts : null
}

/** Whether `domain` is a valid address literal, brackets included. */
export function isAddressLiteral(domain: string): boolean {
  if (!domain.startsWith('[') || !domain.endsWith(']')) return false
  const inner = domain.slice(1, -1)
  return IPV6_TAG.test(inner) ? isIpv6(inner.slice(5)) : isIpv4(inner)
}
