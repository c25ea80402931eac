import { messageBytes } from '../../smtp/data-stream.js'
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
      // The signature covers the whole message: a chunked one is joined first.
      return mailer.send({ ...message, raw: await signer.sign(messageBytes(message.raw)) }, options)
    },
    close: () => mailer.close(),
  }
}
