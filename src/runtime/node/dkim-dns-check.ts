import { Resolver } from 'node:dns/promises'
import type { DkimKeyConfig } from '../../config/dkim.js'
import { publicKeyRecord } from '../../core/dkim/index.js'

/** What DNS publishes for one DKIM key, compared with the key. */
export interface PublishedKeyVerdict {
  /** `<selector>._domainkey.<domain>`. */
  name: string
  ok: boolean
  /** One line for the operator: that it matches, or what is wrong. */
  message: string
}

/** The tags of a DKIM key record (`v=DKIM1; k=rsa; p=…`), names in lower case, whitespace removed from values. */
function tags(record: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of record.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''))
  }
  return out
}

/**
 * Looks up each key's TXT record (through `servers` when given) and says
 * whether it publishes this key: the same key type (`k=`, `rsa` when
 * absent) and the same public key (`p=`). A record that is missing, revoked
 * (`p=` empty) or for another key means every signature fails to verify.
 *
 * @example
 * ```ts
 * for (const v of await checkPublishedKeys(config.dkim.keys)) console.log(v.message)
 * ```
 */
export async function checkPublishedKeys(keys: readonly DkimKeyConfig[], servers?: readonly string[]): Promise<PublishedKeyVerdict[]> {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 })
  if (servers !== undefined) resolver.setServers([...servers])
  return Promise.all(
    keys.map(async (key) => {
      const expected = await publicKeyRecord(key)
      const { name } = expected
      let records: string[]
      try {
        records = (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))
      } catch (e) {
        const code = (e as { code?: unknown }).code
        return { name, ok: false, message: `DKIM record ${name} is not published (${typeof code === 'string' ? code : String(e)}): publish what "mailbridge dkim-record" prints` }
      }
      const dkim = records.map(tags).filter((t) => t.get('v') === 'DKIM1' || t.has('p'))
      if (dkim.length === 0) return { name, ok: false, message: `DKIM record ${name} is not published (its TXT records hold no DKIM key): publish what "mailbridge dkim-record" prints` }
      const want = tags(expected.text)
      const match = dkim.find((t) => t.get('p') === want.get('p') && (t.get('k') ?? 'rsa') === want.get('k'))
      if (match) return { name, ok: true, message: `DKIM record ${name} publishes this ${want.get('k')} key` }
      const published = dkim[0]!
      const why =
        published.get('p') === '' ? 'revokes its key (p= is empty)'
        : (published.get('k') ?? 'rsa') !== want.get('k') ? `is for a ${published.get('k') ?? 'rsa'} key, and this key is ${want.get('k')}`
        : 'publishes another key'
      return { name, ok: false, message: `DKIM record ${name} ${why}: signatures will not verify; publish what "mailbridge dkim-record" prints` }
    }),
  )
}
