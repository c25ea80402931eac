/** Why a DKIM private key cannot be used; stable, for tests and messages. */
export type DkimKeyErrorCode =
  /** No PEM block, or its base64 is broken. */
  | 'EDKIM_KEY_PEM'
  /** A PEM block that is not a private key in PKCS#8 (`BEGIN PRIVATE KEY`): PKCS#1 RSA, SEC1 EC, encrypted, or a public key. */
  | 'EDKIM_KEY_FORMAT'
  /** PKCS#8, but not RSA or Ed25519. */
  | 'EDKIM_KEY_TYPE'
  /** An RSA key shorter than 2048 bits (RFC 8301). */
  | 'EDKIM_KEY_SIZE'
  /** The DER inside does not parse as PKCS#8. */
  | 'EDKIM_KEY_DER'

/**
 * A DKIM private key that cannot be used. The message says why and how to
 * convert the key; it never quotes the key.
 */
export class DkimKeyError extends Error {
  override readonly name = 'DkimKeyError'
  readonly code: DkimKeyErrorCode

  constructor(code: DkimKeyErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
