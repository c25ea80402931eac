import type { DkimConfig } from '../../config/dkim.js'
import type { Mailer } from '../../smtp/types.js'
import type { RelayVerdict } from '../verify-relay.js'
import { withDkimSignature } from './mailer.js'
import { createDkimSigner } from './signer.js'

/** DKIM as the assembly uses it. */
export interface DkimSigning {
  /** The mailer that signs every message before `mailer` sends it. */
  wrap(mailer: Mailer): Mailer
  /** Imports every key into the runtime's Web Crypto and logs the outcome; never throws. */
  verify(): Promise<RelayVerdict>
}

/**
 * The signer for `config`, announced in the log (`DKIM: signing as
 * mail._domainkey.example.com (rsa-sha256, 2048 bits)`), never with the key;
 * undefined without DKIM settings.
 */
export function dkimSigning(config: DkimConfig | undefined, event: (level: 'info' | 'warn', msg: string) => void): DkimSigning | undefined {
  if (config === undefined) return undefined
  const signer = createDkimSigner({ keys: config.keys, expireSeconds: config.expireSeconds })
  const names = config.keys.map((k) => `${k.selector}._domainkey.${k.domain} (${k.privateKey.type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256'}, ${k.privateKey.bits} bits)`)
  event('info', `DKIM: signing as ${names.join(', ')}${config.keys.length > 1 ? `; mail from other domains as ${config.keys[0]!.domain}` : ''}`)
  return {
    wrap: (mailer) => withDkimSignature(mailer, signer),
    async verify() {
      try {
        await signer.ready()
        return { ok: true }
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e)
        event('warn', `DKIM: ${reason}; every send fails until it is fixed`)
        return { ok: false, reason }
      }
    },
  }
}
