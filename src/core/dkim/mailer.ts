import type { Mailer } from '../../smtp/types.js'
import type { DkimSigner } from './signer.js'

/**
 * Wraps a `Mailer` so every message is DKIM-signed once, before it enters
 * the relay mailer or direct delivery: retries, the fallback relay and every
 * destination domain then send the same signed bytes. The SMTP client
 * dot-stuffs what it is given, after signing, as RFC 6376 §5.3 expects.
 *
 * @example
 * ```ts
 * const mailer = withDkimSignature(createRelayMailer({ primary }), createDkimSigner({ keys }))
 * ```
 */
export function withDkimSignature(mailer: Mailer, signer: Pick<DkimSigner, 'sign'>): Mailer {
  return {
    async send(message, options) {
      return mailer.send({ ...message, raw: await signer.sign(message.raw) }, options)
    },
    close: () => mailer.close(),
  }
}
