import { publicKeyRecord } from '../../core/dkim/index.js'
import { complain, say } from './cli-output.js'
import { loadConfigOrExit } from './config-or-exit.js'

/**
 * `mailbridge dkim-record`: the DNS TXT record to publish for each
 * configured DKIM key, derived from the private key (which is never
 * printed): a comment naming the record, then a zone file line. Resolves
 * with the exit status: 0, or 1 when no DKIM key is configured.
 *
 * @example
 * ```ts
 * process.exitCode = await runDkimRecord(process.env)
 * ```
 */
export async function runDkimRecord(env: Record<string, string | undefined>): Promise<number> {
  const config = await loadConfigOrExit(env, 'the configuration is not valid')
  if (config.dkim === undefined) {
    complain('mailbridge: no DKIM key is configured: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_KEYS)')
    return 1
  }
  for (const key of config.dkim.keys) {
    const record = await publicKeyRecord(key)
    say(
      `; ${key.privateKey.type === 'rsa' ? `RSA ${key.privateKey.bits}-bit` : 'Ed25519'} key for ${key.domain}: publish this TXT record at ${record.name}`,
      record.zoneLine,
      '',
    )
  }
  return 0
}
