import { fromBase64 } from './bytes.js'
import { DkimKeyError } from './errors.js'

/** The key types DKIM signs with: RSA (RFC 6376, `k=rsa`) and Ed25519 (RFC 8463, `k=ed25519`). */
export type DkimKeyType = 'rsa' | 'ed25519'

/**
 * A private key DKIM can sign with, read without importing it. The key
 * bytes are a secret: they are held in a private field, so neither
 * `JSON.stringify` nor a debugger's or logger's inspection shows them.
 */
export class DkimPrivateKey {
  readonly type: DkimKeyType
  /** The RSA modulus length; 256 for Ed25519. */
  readonly bits: number
  readonly #pkcs8: Uint8Array

  constructor(type: DkimKeyType, bits: number, pkcs8: Uint8Array) {
    this.type = type
    this.bits = bits
    this.#pkcs8 = pkcs8
  }

  /** The PKCS#8 DER, for `crypto.subtle.importKey('pkcs8', …)`. */
  pkcs8(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.#pkcs8)
  }

  /** What may be shown of the key: its type and size. */
  toJSON(): { type: DkimKeyType; bits: number } {
    return { type: this.type, bits: this.bits }
  }

  toString(): string {
    return `[DKIM ${this.type} key, ${this.bits} bits]`
  }
}

/** RSA keys shorter than this are refused (RFC 8301 §3.2: signers MUST use at least 1024, SHOULD 2048). */
export const MIN_RSA_BITS = 2048

const RSA_ENCRYPTION = '2a864886f70d010101' // 1.2.840.113549.1.1.1
const ED25519 = '2b6570' // 1.3.101.112
const KNOWN_OIDS: Record<string, string> = {
  '2a8648ce3d0201': 'an EC key (DKIM signs with RSA or Ed25519)',
  '2a864886f70d01010a': 'an RSA-PSS key (DKIM signs with RSASSA-PKCS1-v1_5: generate a plain RSA key)',
  '2b6571': 'an Ed448 key (DKIM signs with RSA or Ed25519)',
}

const CONVERT = 'convert it with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'

/**
 * Reads a PEM private key and checks that DKIM can sign with it: PKCS#8
 * (`-----BEGIN PRIVATE KEY-----`), RSA of at least {@link MIN_RSA_BITS} bits
 * or Ed25519. Literal `\n` sequences (as environment files and secret stores
 * often hold a PEM) count as line breaks.
 *
 * @throws {DkimKeyError} saying what is wrong and how to fix it, never quoting the key
 * @example
 * ```ts
 * const key = inspectPrivateKey(pem) // key.type === 'rsa', key.bits === 2048
 * ```
 */
export function inspectPrivateKey(pem: string): DkimPrivateKey {
  const text = pem.replace(/\\n/g, '\n')
  const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text)
  if (!block) throw new DkimKeyError('EDKIM_KEY_PEM', 'is not a PEM private key (no -----BEGIN PRIVATE KEY----- block)')
  const label = block[1]!
  if (label === 'RSA PRIVATE KEY') throw new DkimKeyError('EDKIM_KEY_FORMAT', `is a PKCS#1 RSA key; mailbridge reads PKCS#8: ${CONVERT}`)
  if (label === 'EC PRIVATE KEY') throw new DkimKeyError('EDKIM_KEY_FORMAT', 'is an EC key; DKIM signs with RSA or Ed25519')
  if (label === 'ENCRYPTED PRIVATE KEY') throw new DkimKeyError('EDKIM_KEY_FORMAT', 'is encrypted; give the key without a passphrase (openssl pkcs8 -topk8 -nocrypt)')
  if (label.includes('PUBLIC KEY')) throw new DkimKeyError('EDKIM_KEY_FORMAT', 'is a public key; give the private key (the public one goes into DNS)')
  if (label !== 'PRIVATE KEY') throw new DkimKeyError('EDKIM_KEY_FORMAT', `is a "${label}" block, not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)`)
  if (/^[A-Za-z-]+:/m.test(block[2]!)) throw new DkimKeyError('EDKIM_KEY_FORMAT', 'has PEM headers (an encrypted legacy key?); give an unencrypted PKCS#8 key')
  const der = fromBase64(block[2]!)
  if (!der || der.length === 0) throw new DkimKeyError('EDKIM_KEY_PEM', 'has a PEM block whose base64 is broken')
  const { type, bits } = readPkcs8(der)
  return new DkimPrivateKey(type, bits, der)
}

/** The algorithm and size of a PKCS#8 PrivateKeyInfo (RFC 5208, RFC 5958). */
function readPkcs8(der: Uint8Array): { type: DkimKeyType; bits: number } {
  const broken = () => new DkimKeyError('EDKIM_KEY_DER', 'does not parse as a PKCS#8 private key')
  const info = readTlv(der, 0, 0x30) ?? fail(broken)
  if (info.end !== der.length) throw broken()
  const version = readTlv(der, info.start, 0x02) ?? fail(broken)
  const algorithm = readTlv(der, version.end, 0x30) ?? fail(broken)
  const oid = readTlv(der, algorithm.start, 0x06) ?? fail(broken)
  const key = readTlv(der, algorithm.end, 0x04) ?? fail(broken)
  const id = hex(der.subarray(oid.start, oid.end))
  if (id === ED25519) return { type: 'ed25519', bits: 256 }
  if (id !== RSA_ENCRYPTION) throw new DkimKeyError('EDKIM_KEY_TYPE', `is ${KNOWN_OIDS[id] ?? 'a key of a type DKIM does not sign with (RSA or Ed25519)'}`)
  // RSAPrivateKey (RFC 8017 A.1.2): SEQUENCE { version, modulus, publicExponent, … }
  const rsa = readTlv(der, key.start, 0x30) ?? fail(broken)
  const rsaVersion = readTlv(der, rsa.start, 0x02) ?? fail(broken)
  const modulus = readTlv(der, rsaVersion.end, 0x02) ?? fail(broken)
  const bits = bitLength(der.subarray(modulus.start, modulus.end))
  if (bits < MIN_RSA_BITS) throw new DkimKeyError('EDKIM_KEY_SIZE', `is an RSA key of ${bits} bits; DKIM keys need at least ${MIN_RSA_BITS} (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)`)
  return { type: 'rsa', bits }
}

function fail(error: () => Error): never {
  throw error()
}

/** One DER element of tag `tag` at `at`: where its content starts and where it ends. */
function readTlv(der: Uint8Array, at: number, tag: number): { start: number; end: number } | undefined {
  if (der[at] !== tag) return undefined
  let length = der[at + 1]
  let start = at + 2
  if (length === undefined) return undefined
  if (length & 0x80) {
    const n = length & 0x7f
    if (n === 0 || n > 4) return undefined
    length = 0
    for (let i = 0; i < n; i++) {
      const b = der[start + i]
      if (b === undefined) return undefined
      length = length * 256 + b
    }
    start += n
  }
  const end = start + length
  return end <= der.length ? { start, end } : undefined
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** Bits of an unsigned big-endian integer (DER INTEGER content, leading zero bytes allowed). */
function bitLength(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  if (i === bytes.length) return 0
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!))
}
