/**
 * Byte helpers for DKIM: base64 on `btoa`/`atob` (base64url read too),
 * and "binary strings" (one character per byte) so header fields can be
 * canonicalised as text without decoding their UTF-8 and re-encoding it.
 */

/** Base64 (RFC 4648 §4, with padding) of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  return btoa(toBinaryString(bytes))
}

/**
 * The bytes of base64 or base64url text; whitespace is skipped, padding is
 * optional. Undefined when any other character appears or the length cannot be
 * base64.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  // atob is forgiving base64 (whitespace skipped, padding optional); base64url is mapped onto it.
  try {
    return fromBinaryString(atob(text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    return undefined
  }
}

/** One character per byte (code points 0–255): a lossless text view of any bytes. */
export function toBinaryString(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 0x2000) out += String.fromCharCode(...bytes.subarray(i, i + 0x2000))
  return out
}

/** The bytes of a binary string (each character's code, which must be below 256). */
export function fromBinaryString(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/** `parts` one after the other in a new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
