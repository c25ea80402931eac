import {
  concatBytes, draftSignature, fromBinaryString, fromDomain, relaxedBody, SIGNED_FIELDS, signedFieldNames, splitMessage, toBase64, toCrlf,
  type DkimAlgorithm, type DkimPrivateKey,
} from '../../mail/dkim/index.js'

/** One signing identity: the domain and selector a key is published under, and the key. */
export interface DkimKey {
  /** `d=`: the signing domain, in ASCII (A-labels). */
  domain: string
  /** `s=`: the key is published at `<selector>._domainkey.<domain>`. */
  selector: string
  privateKey: DkimPrivateKey
}

/** Options for {@link createDkimSigner}. */
export interface DkimSignerOptions {
  /**
   * The keys, at least one. A message is signed with the key whose domain is
   * its From domain or a parent of it (DMARC's relaxed alignment); when none
   * is, with the first.
   */
  keys: readonly DkimKey[]
  /** `x=`: seconds a signature stays valid; undefined: no expiry. */
  expireSeconds?: number | undefined
  /** Fields to sign when present; `from` is always signed once more than it appears. Default {@link SIGNED_FIELDS}. */
  signedFields?: readonly string[]
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number
  /** Web Crypto. Default the runtime's `crypto.subtle`. */
  subtle?: SubtleCrypto
}

/** Signs messages with DKIM. */
export interface DkimSigner {
  /**
   * The message with a DKIM-Signature field on top. Line ends are made CRLF
   * first, as the SMTP client would send them: the result is what goes on the
   * wire, before dot-stuffing.
   */
  sign(message: Uint8Array | string): Promise<Uint8Array>
  /** The key that signs mail from `domain`. */
  keyFor(domain: string | undefined): DkimKey
  /**
   * Imports every key into Web Crypto, so a key the runtime refuses shows at
   * startup rather than at the first send. Rejects naming the domain and
   * selector of the first that fails.
   */
  ready(): Promise<void>
}

const ALGORITHM: Record<DkimPrivateKey['type'], DkimAlgorithm> = { rsa: 'rsa-sha256', ed25519: 'ed25519-sha256' }
const encoder = new TextEncoder()
/** Web Crypto wants an ArrayBuffer-backed view. */
const view = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => (bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes))

/**
 * A DKIM signer (RFC 6376; RFC 8463 for Ed25519) on Web Crypto alone, so the
 * same code signs on Node, Deno, Bun, Lambda and Workers: relaxed/relaxed,
 * `t=` and optional `x=`, the fields of {@link SIGNED_FIELDS} that are present
 * and `from` once more (over-signing). RSA keys sign with
 * RSASSA-PKCS1-v1_5/SHA-256; Ed25519 keys sign the SHA-256 of the header input.
 *
 * @example
 * ```ts
 * const signer = createDkimSigner({ keys: [{ domain: 'example.com', selector: 'mail', privateKey: inspectPrivateKey(pem) }] })
 * const signed = await signer.sign(composed.raw)
 * ```
 */
export function createDkimSigner({
  keys,
  expireSeconds,
  signedFields = SIGNED_FIELDS,
  now = Date.now,
  subtle = crypto.subtle,
}: DkimSignerOptions): DkimSigner {
  if (keys.length === 0) throw new RangeError('createDkimSigner: at least one key is needed')
  const imported = new Map<DkimKey, Promise<CryptoKey>>()
  const importKey = (key: DkimKey): Promise<CryptoKey> => {
    let p = imported.get(key)
    if (p === undefined) {
      const algorithm = key.privateKey.type === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'Ed25519' }
      p = subtle.importKey('pkcs8', key.privateKey.pkcs8(), algorithm, false, ['sign'])
      // A failed import is tried again next time rather than cached.
      p.catch(() => imported.delete(key))
      imported.set(key, p)
    }
    return p
  }

  /** Each key's domain in lower case and as a suffix, worked out once rather than per message. */
  const domains = keys.map((key) => {
    const d = key.domain.toLowerCase()
    return { key, d, suffix: `.${d}` }
  })

  function keyFor(domain: string | undefined): DkimKey {
    if (domain === undefined) return keys[0]!
    let best: { key: DkimKey; d: string } | undefined
    for (const k of domains) {
      if ((domain === k.d || domain.endsWith(k.suffix)) && (best === undefined || k.d.length > best.d.length)) best = k
    }
    return best?.key ?? keys[0]!
  }

  async function sign(message: Uint8Array | string): Promise<Uint8Array> {
    const raw = toCrlf(typeof message === 'string' ? encoder.encode(message) : message)
    const { fields, body } = splitMessage(raw)
    const key = keyFor(fromDomain(fields))
    const cryptoKey = await importKey(key)
    const bodyHash = toBase64(new Uint8Array(await subtle.digest('SHA-256', view(relaxedBody(body)))))
    const timestamp = Math.floor(now() / 1000)
    const draft = draftSignature(fields, {
      algorithm: ALGORITHM[key.privateKey.type],
      domain: key.domain,
      selector: key.selector,
      signedFields: signedFieldNames(fields, signedFields),
      bodyHash,
      timestamp,
      expires: expireSeconds === undefined ? undefined : timestamp + expireSeconds,
    })
    const signature =
      key.privateKey.type === 'rsa'
        ? await subtle.sign('RSASSA-PKCS1-v1_5', cryptoKey, view(draft.input))
        : await subtle.sign('Ed25519', cryptoKey, await subtle.digest('SHA-256', view(draft.input)))
    return concatBytes(fromBinaryString(draft.field(toBase64(new Uint8Array(signature)))), raw)
  }

  async function ready(): Promise<void> {
    for (const key of keys) {
      try {
        await importKey(key)
      } catch (e) {
        throw new Error(`the DKIM key for ${key.selector}._domainkey.${key.domain} (${key.privateKey.type}) cannot be used here: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
  }

  return { sign, keyFor, ready }
}
