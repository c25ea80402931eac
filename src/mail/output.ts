/**
 * The composer's output: a list of pieces written once into a single
 * `Uint8Array`. Text pieces are UTF-8 encoded in place (`encodeInto`); an
 * attachment's base64 is copied character by character into 76-character
 * lines, so a large attachment is never decoded, re-encoded, sliced or joined:
 * besides the caller's string, it costs only its bytes in the result.
 */
import { MAX_ENCODED_LINE } from './transfer-encoding.js'
import { isAscii, utf8Length } from './text-checks.js'

/** Valid base64 without whitespace (text, or its ASCII bytes), to be written in CRLF-separated 76-character lines. */
export class FoldedBase64 {
  constructor(readonly base64: string | Uint8Array) {}

  /** Octets this piece takes in the output. */
  get byteLength(): number {
    const n = this.base64.length
    return n === 0 ? 0 : n + 2 * (Math.ceil(n / MAX_ENCODED_LINE) - 1)
  }
}

/** A piece of output. */
export type Piece = string | FoldedBase64

const encoder = new TextEncoder()

/** Encode `pieces` into one buffer. */
export function piecesToBytes(pieces: readonly Piece[]): Uint8Array {
  // Text only (no attachment): one string, encoded once.
  if (pieces.every((p) => typeof p === 'string')) return encoder.encode(pieces.join(''))
  // Merge runs of text so that encodeInto is called once per run.
  const merged: Piece[] = []
  let run: string[] = []
  for (const p of pieces) {
    if (typeof p === 'string') run.push(p)
    else {
      merged.push(run.join(''), p)
      run = []
    }
  }
  merged.push(run.join(''))

  let total = 0
  const lengths = merged.map((p) => (typeof p !== 'string' ? p.byteLength : isAscii(p) ? p.length : utf8Length(p)))
  for (const n of lengths) total += n
  const out = new Uint8Array(total)
  let off = 0
  merged.forEach((p, i) => {
    if (typeof p === 'string') encoder.encodeInto(p, out.subarray(off, off + (lengths[i] as number)))
    else writeFolded(p.base64, out, off)
    off += lengths[i] as number
  })
  return out
}

/**
 * Writes the lines of `b64` from character `from` (a multiple of 76) up to
 * `to` into `out` at `off`, each line after the first preceded by CRLF (so
 * the first line written gets one too when `from > 0`); returns the offset
 * after the last byte written.
 */
export function writeFolded(b64: string | Uint8Array, out: Uint8Array, off: number, from = 0, to = b64.length): number {
  const count = to - from
  if (count <= 0) return off
  const lines = Math.ceil(count / MAX_ENCODED_LINE)
  const lead = from > 0 ? 2 : 0
  const end = off + lead + count + 2 * (lines - 1)
  // The characters go in unfolded at the end of their room (one native call for
  // text), then each line moves forward to its place: never over a line not yet moved.
  let src = end - count
  if (typeof b64 === 'string') encoder.encodeInto(from === 0 && to === b64.length ? b64 : b64.slice(from, to), out.subarray(src, end))
  else out.set(b64.subarray(from, to), src)
  let dest = off
  for (let k = 0; k < lines; k++, src += MAX_ENCODED_LINE) {
    if (k > 0 || lead > 0) {
      out[dest++] = 13
      out[dest++] = 10
    }
    const n = Math.min(MAX_ENCODED_LINE, end - src)
    if (dest !== src) out.copyWithin(dest, src, src + n)
    dest += n
  }
  return end
}
