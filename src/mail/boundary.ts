/**
 * Multipart boundaries (RFC 2046 5.1.1).
 *
 * A boundary is `=_mb_` plus 32 random hex digits (37 characters, limit 70).
 * The `=_` prefix can never occur in quoted-printable or base64 output, so only
 * raw (7bit/8bit) bodies need checking, and those are checked: a boundary found
 * in them is replaced by a fresh one.
 */
import { toHex } from './headers.js'

/** Random bytes in a boundary. */
export const BOUNDARY_BYTES = 16
const MAX_ATTEMPTS = 32

/**
 * A random boundary that does not occur in any of `raw` (the unencoded bodies
 * the multipart will contain).
 */
export function createBoundary(randomBytes: (n: number) => Uint8Array, raw: readonly string[] = []): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const b = `=_mb_${toHex(randomBytes(BOUNDARY_BYTES))}`
    if (!raw.some((s) => s.includes(b))) return b
  }
  throw new Error('no usable MIME boundary: the random source keeps repeating values found in the content')
}
