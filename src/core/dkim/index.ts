/**
 * DKIM signing with Web Crypto: the signer, the `Mailer` that signs every
 * message, and the DNS record of a key. The canonicalisation and the field
 * itself are pure, in `src/mail/dkim/`.
 */
export { createDkimSigner, type DkimKey, type DkimSigner, type DkimSignerOptions } from './signer.js'
export { withDkimSignature } from './mailer.js'
export { publicKeyRecord } from './public-key.js'
