import { describe, expect, it } from 'vitest'
import { createDkimSigner } from '../../../src/core/dkim/index.js'
import { inspectPrivateKey } from '../../../src/mail/dkim/index.js'
import { testDkimKey, type Verdict } from '../../helpers/dkim.js'
import { MESSAGES, TAMPERINGS } from './messages.js'

/**
 * The shared body of the verifier tests: every message of MESSAGES signed
 * with an RSA and an Ed25519 key must pass `verify`, and fail once changed in
 * any way of TAMPERINGS. The DNS record handed to the verifier is built from
 * node:crypto's export of the public key, not from mailbridge's code.
 */
export function signaturesVerifiedBy(verifier: string, verify: (message: Uint8Array, records: Record<string, string>) => Promise<Verdict>): void {
  for (const type of ['rsa', 'ed25519'] as const) {
    describe(`${verifier} verifies ${type} signatures`, () => {
      const key = testDkimKey(type)
      const records = { 's1._domainkey.example.com': key.record }
      const signer = createDkimSigner({ keys: [{ domain: 'example.com', selector: 's1', privateKey: inspectPrivateKey(key.privatePem) }], expireSeconds: 3600 })

      for (const [name, message] of Object.entries(MESSAGES)) {
        it(`passes: ${name}`, async () => {
          const signed = await signer.sign(message)
          const verdict = await verify(signed, records)
          expect(verdict.said).toBe('pass')
          expect(verdict.pass).toBe(true)
        })
      }

      const sample = MESSAGES['attachments, an inline image and html']!
      for (const [name, tamper] of Object.entries(TAMPERINGS)) {
        it(`fails once changed after signing: ${name}`, async () => {
          const signed = await signer.sign(sample)
          expect((await verify(signed, records)).pass).toBe(true)
          const verdict = await verify(tamper(signed), records)
          expect(verdict.pass, verdict.said).toBe(false)
        })
      }

      it('fails against another key published under the same name', async () => {
        const other = testDkimKey(type)
        const verdict = await verify(await signer.sign(sample), { 's1._domainkey.example.com': other.record })
        expect(verdict.pass).toBe(false)
      })
    })
  }
}
