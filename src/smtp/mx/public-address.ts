/**
 * Whether an IP address is one a stranger's MX record may send us to:
 * not loopback, private (RFC 1918, unique local), link-local, carrier-grade
 * NAT, unspecified, multicast, reserved, or for documentation and
 * benchmarks. Direct delivery connects only to such public addresses, so a
 * recipient domain (or an address literal such as `user@[10.0.0.5]`) cannot
 * point mailbridge at a host inside its own network.
 *
 * @example
 * ```ts
 * isPublicAddress('192.0.2.1') // false (documentation)
 * isPublicAddress('10.0.0.5')  // false
 * isPublicAddress('2a00:1450:4001:80b::201a') // true
 * ```
 */
export function isPublicAddress(address: string): boolean {
  const v4 = parseV4(address)
  if (v4) return publicV4(v4)
  const v6 = parseV6(address)
  return v6 !== undefined && publicV6(v6)
}

function parseV4(address: string): number[] | undefined {
  const parts = address.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined
  return parts.map(Number)
}

function publicV4([a, b, c]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127 || a! >= 224) return false // this network, private, loopback, multicast and reserved
  if (a === 100 && b! >= 64 && b! <= 127) return false // carrier-grade NAT
  if (a === 169 && b === 254) return false // link-local
  if (a === 172 && b! >= 16 && b! <= 31) return false // private
  if (a === 192 && b === 168) return false // private
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false // IETF protocol assignments, documentation
  if (a === 198 && (b === 18 || b === 19)) return false // benchmarking
  if (a === 198 && b === 51 && c === 100) return false // documentation
  if (a === 203 && b === 0 && c === 113) return false // documentation
  return true
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
function parseV6(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '')
  if (!text.includes(':')) return undefined
  // An IPv4 tail (::ffff:192.0.2.1) becomes its two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const v4 = parseV4(dotted[1]!)
    if (!v4) return undefined
    text = text.slice(0, -dotted[1]!.length) + `${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (s: string) => (s === '' ? [] : s.split(':'))
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined
  return all.map((g) => parseInt(g, 16))
}

function publicV6(g: number[]): boolean {
  if (g.every((x) => x === 0)) return false // unspecified
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return false // loopback
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return publicV4([g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255]) // IPv4-mapped
  if (g.slice(0, 6).every((x) => x === 0)) return false // IPv4-compatible (deprecated), ::a.b.c.d
  if (g.slice(0, 4).every((x) => x === 0) && g[4] === 0xffff && g[5] === 0) return false // IPv4-translated, ::ffff:0:a.b.c.d
  const first = g[0]!
  if ((first & 0xfe00) === 0xfc00) return false // unique local
  if ((first & 0xffc0) === 0xfe80) return false // link-local
  if ((first & 0xff00) === 0xff00) return false // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return false // documentation
  if (first === 0x64 && g[1] === 0xff9b) return false // NAT64 (it reaches IPv4 addresses, private ones included)
  if (first === 0x2002) return false // 6to4: an IPv4 address inside, private ones included
  if (first === 0x2001 && g[1] === 0) return false // Teredo
  if ((first & 0xffc0) === 0xfec0) return false // site-local (deprecated)
  return true
}
