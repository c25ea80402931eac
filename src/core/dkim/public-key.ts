import { dkimRecord, fromBase64, type DkimRecord } from '../../mail/dkim/index.js'
import type { DkimKey } from './signer.js'

/**
 * The DNS TXT record that publishes `key`'s public half, derived with Web
 * Crypto from the private key alone: the key is imported extractable, its
 * JWK gives the public numbers (`n`, `e` for RSA; `x` for Ed25519), and an
 * RSA public key is exported as the SubjectPublicKeyInfo `p=` carries.
 *
 * @example
 * ```ts
 * const { zoneLine } = await publicKeyRecord({ domain: 'example.com', selector: 'mail', privateKey })
 * ```
 */
export async function publicKeyRecord({ domain, selector, privateKey }: DkimKey, subtle: SubtleCrypto = crypto.subtle): Promise<DkimRecord> {
  const pkcs8 = privateKey.pkcs8()
  if (privateKey.type === 'ed25519') {
    const jwk = await subtle.exportKey('jwk', await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']))
    const publicKey = fromBase64(jwk.x ?? '')
    if (publicKey?.length !== 32) throw new Error('the Ed25519 key has no public part')
    return dkimRecord({ domain, selector, type: 'ed25519', publicKey })
  }
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  const jwk = await subtle.exportKey('jwk', await subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']))
  const publicJwk: JsonWebKey = { kty: 'RSA', n: jwk.n!, e: jwk.e!, alg: 'RS256', ext: true }
  const spki = await subtle.exportKey('spki', await subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']))
  return dkimRecord({ domain, selector, type: 'rsa', publicKey: new Uint8Array(spki) })
}
