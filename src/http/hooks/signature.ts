import type { HookVerify } from '../../config/frontends.js'
import { standardWebhooksKey } from '../../config/frontends-resolve.js'
import { concatBytes } from '../../mail/dkim/bytes.js'

/** A verified request: what the scheme says about it. */
export interface Verified {
  ok: true
  /** The sender's id of this delivery (Standard Webhooks `webhook-id`), for deduplication. */
  id?: string
}

/** Why a request's signature was refused (for the `401` detail; never a secret or the expected value). */
export interface Refused {
  ok: false
  reason: string
}

/** Reads a request header by lower-case name. */
export type HeaderReader = (name: string) => string | undefined

const encoder = new TextEncoder()

function fromHex(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16))
}

function fromBase64(b64: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
}

const hmacKey = (secret: Uint8Array): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])

/** Web Crypto's HMAC verify: computes the MAC and compares it in constant time. */
const hmacMatches = (key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> =>
  crypto.subtle.verify('HMAC', key, signature as BufferSource, data as BufferSource)

/** Options for {@link createVerifier}. */
export interface VerifierOptions {
  /** The clock, in milliseconds, for the Standard Webhooks replay window. Default `Date.now`. */
  now?: () => number
}

/**
 * A hook's signature check, Web Crypto only (so it runs on every runtime),
 * comparing in constant time (`crypto.subtle.verify`):
 *
 * - `github`: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the body;
 * - `standard-webhooks`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`
 *   under the base64 key of a `whsec_` secret, any `v1,<base64>` of
 *   `webhook-signature`, and a timestamp within the replay window;
 * - `hmac-sha256`: HMAC-SHA256 of the body in a configured header, hex or
 *   base64, after an optional prefix.
 *
 * @example
 * ```ts
 * const verify = createVerifier({ scheme: 'github', secret })
 * const result = await verify((name) => c.req.header(name), body)
 * ```
 */
export function createVerifier(config: HookVerify, { now = Date.now }: VerifierOptions = {}): (header: HeaderReader, body: Uint8Array) => Promise<Verified | Refused> {
  const decoded = config.scheme === 'standard-webhooks' ? standardWebhooksKey(config.secret) : encoder.encode(config.secret)
  // Never fall back to some fixed key: a secret that does not decode verifies nothing.
  if (decoded === undefined) throw new TypeError('the Standard Webhooks secret is not whsec_ followed by base64')
  const secret = decoded
  let key: Promise<CryptoKey> | undefined
  const keyOf = () => (key ??= hmacKey(secret))

  return async function verify(header, body) {
    switch (config.scheme) {
      case 'github': {
        const given = header('x-hub-signature-256')
        if (given === undefined) return { ok: false, reason: 'The X-Hub-Signature-256 header is missing.' }
        const signature = given.startsWith('sha256=') ? fromHex(given.slice(7)) : undefined
        if (!signature || !(await hmacMatches(await keyOf(), signature, body))) return { ok: false, reason: 'The X-Hub-Signature-256 signature does not match the body.' }
        return { ok: true }
      }
      case 'hmac-sha256': {
        const given = header(config.header)
        if (given === undefined) return { ok: false, reason: `The ${config.header} header is missing.` }
        const value = given.trim().startsWith(config.prefix) ? given.trim().slice(config.prefix.length) : undefined
        const signature = value === undefined ? undefined : config.encoding === 'hex' ? fromHex(value) : fromBase64(value)
        if (!signature || !(await hmacMatches(await keyOf(), signature, body))) return { ok: false, reason: `The ${config.header} signature does not match the body.` }
        return { ok: true }
      }
      case 'standard-webhooks': {
        const [id, timestamp, signatures] = [header('webhook-id'), header('webhook-timestamp'), header('webhook-signature')]
        if (id === undefined || timestamp === undefined || signatures === undefined)
          return { ok: false, reason: 'The webhook-id, webhook-timestamp and webhook-signature headers are required.' }
        if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > config.toleranceSeconds)
          return { ok: false, reason: `The webhook-timestamp is more than ${config.toleranceSeconds} s away from now: a replay, or a wrong clock.` }
        const signed = concatBytes(encoder.encode(`${id}.${timestamp}.`), body)
        for (const entry of signatures.split(' ')) {
          const [version, b64] = entry.split(',', 2)
          const signature = version === 'v1' && b64 !== undefined ? fromBase64(b64) : undefined
          if (signature && (await hmacMatches(await keyOf(), signature, signed))) return { ok: true, id }
        }
        return { ok: false, reason: 'No v1 signature of webhook-signature matches the body.' }
      }
    }
  }
}
