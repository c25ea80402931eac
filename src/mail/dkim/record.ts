import { toBase64 } from './bytes.js'
import type { DkimKeyType } from './private-key.js'

/** The DNS TXT record that publishes a DKIM public key. */
export interface DkimRecord {
  /** `<selector>._domainkey.<domain>`, without the final dot. */
  name: string
  /** The record's text: `v=DKIM1; k=…; p=…`. */
  text: string
  /** The text cut into strings of at most 255 characters, as one TXT record holds them. */
  strings: string[]
  /** The record as a zone file line: the name, `IN TXT`, and the quoted strings in parentheses. */
  zoneLine: string
}

/**
 * The TXT record for a public key (RFC 6376 §3.6.1): `p=` is the base64 of
 * the DER SubjectPublicKeyInfo for RSA, and of the 32 raw key bytes for
 * Ed25519 (RFC 8463 §4.2).
 *
 * @example
 * ```ts
 * dkimRecord({ domain: 'example.com', selector: 'mail', type: 'ed25519', publicKey })
 * // { name: 'mail._domainkey.example.com', text: 'v=DKIM1; k=ed25519; p=…', … }
 * ```
 */
export function dkimRecord({ domain, selector, type, publicKey }: { domain: string; selector: string; type: DkimKeyType; publicKey: Uint8Array }): DkimRecord {
  const name = `${selector}._domainkey.${domain}`
  const text = `v=DKIM1; k=${type}; p=${toBase64(publicKey)}`
  const strings: string[] = []
  for (let i = 0; i < text.length; i += 255) strings.push(text.slice(i, i + 255))
  const quoted = strings.map((s) => `"${s}"`)
  const zoneLine = quoted.length === 1 ? `${name}. IN TXT ${quoted[0]}` : `${name}. IN TXT ( ${quoted.join('\n    ')} )`
  return { name, text, strings, zoneLine }
}
