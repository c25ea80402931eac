/**
 * The DATA section of a message the client is handed piece by piece
 * (`MessageChunks`), for large messages: the pieces go on the wire as they
 * come, each checked as `encodeData` checks a whole message, so a message is
 * never copied just to be sent.
 */

/**
 * A message produced in order, piece by piece, instead of one buffer: the
 * composer's `ChunkedMessage`. A piece is valid until the next one is asked
 * for (the producer may reuse its buffer); `chunks()` may run again for a retry.
 */
export interface MessageChunks {
  /** Size of the message in bytes. */
  readonly byteLength: number
  /** Some byte is 8-bit (>= 0x80): `BODY=8BITMIME` is needed. */
  readonly eightBit: boolean
  chunks(): Iterable<Uint8Array>
}

/**
 * Content for the DATA phase: `encodeData`'s `EncodedData` (the last chunk
 * carries the final dot), or {@link encodeChunks}'s pieces followed by a
 * `terminator` written on its own.
 */
export interface DataContent {
  chunks: Iterable<Uint8Array>
  /** Size of the message itself in bytes (before dot-stuffing and the terminator). */
  size: number
  /** Some byte is 8-bit: `BODY=8BITMIME` is needed. */
  eightBit: boolean
  /** The final `.` CRLF (with a CRLF first when needed), asked for once every chunk is written. */
  terminator?: () => Uint8Array
}

const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e
const DOT_CRLF = Uint8Array.of(DOT, CR, LF)
const CRLF_DOT_CRLF = Uint8Array.of(CR, LF, DOT, CR, LF)
const LONE_LF = Uint8Array.of(LF)

/** Where the scan stands between two pieces. */
interface ScanState {
  /** The next byte starts a line. */
  lineStart: boolean
  /** The previous piece ended with a CR whose LF, if any, starts this one. */
  pendingCr: boolean
}

/**
 * Encodes a `MessageChunks` for the DATA phase as `encodeData` encodes a
 * whole message (CRLF only, dot-stuffed, `.` CRLF at the end): a clean piece
 * (the composer's always are) goes out as it is, any other is rewritten
 * into a copy. The terminator is written after the last piece, in a write of
 * its own, so the write that carries the final dot is known.
 */
export function encodeChunks(message: MessageChunks): Required<DataContent> {
  const state: ScanState = { lineStart: true, pendingCr: false }
  const chunks: Iterable<Uint8Array> = {
    *[Symbol.iterator]() {
      state.lineStart = true
      state.pendingCr = false
      for (const piece of message.chunks()) {
        if (piece.length === 0) continue
        let from = 0
        if (state.pendingCr) {
          state.pendingCr = false
          state.lineStart = true
          if (piece[0] === LF) from = 1 // completes the CRLF the previous piece ended with
          else yield LONE_LF // the CR was bare: make it CRLF
        }
        yield isClean(piece, from, state) ? piece : rewrite(piece, from, state)
      }
      if (state.pendingCr) {
        state.pendingCr = false
        state.lineStart = true
        yield LONE_LF
      }
    },
  }
  return {
    chunks,
    size: message.byteLength,
    eightBit: message.eightBit,
    terminator: () => (state.lineStart ? DOT_CRLF : CRLF_DOT_CRLF),
  }
}

/**
 * Whether `piece` from `from` on needs no rewriting given `state` (updated as
 * it is scanned): every CR followed by LF (a CR at the very end leaves
 * `pendingCr`), no bare LF, no dot at the start of a line.
 */
function isClean(piece: Uint8Array, from: number, state: ScanState): boolean {
  const n = piece.length
  let lineStart = state.lineStart
  for (let i = from; i < n; i++) {
    const b = piece[i]!
    if (b > DOT) {
      lineStart = false
      continue
    }
    if (b === CR) {
      if (i + 1 === n) {
        state.pendingCr = true
        state.lineStart = false
        return true
      }
      if (piece[i + 1] !== LF) return false
      i++
      lineStart = true
    } else if (b === LF || (b === DOT && lineStart)) return false
    else lineStart = false
  }
  state.lineStart = lineStart
  return true
}

/**
 * A copy of `piece` (bytes before `from` as they are) with bare CR and LF made
 * CRLF and line-leading dots doubled; updates `state`.
 */
function rewrite(piece: Uint8Array, from: number, state: ScanState): Uint8Array {
  const out = new Uint8Array(piece.length * 2)
  out.set(piece.subarray(0, from))
  let o = from
  let lineStart = state.lineStart
  for (let i = from; i < piece.length; i++) {
    const b = piece[i]!
    if (b === CR) {
      out[o++] = CR
      if (i + 1 === piece.length) {
        state.pendingCr = true
        state.lineStart = false
        return out.subarray(0, o)
      }
      if (piece[i + 1] === LF) i++
      out[o++] = LF
      lineStart = true
      continue
    }
    if (b === LF) {
      out[o++] = CR
      out[o++] = LF
      lineStart = true
      continue
    }
    if (b === DOT && lineStart) out[o++] = DOT
    out[o++] = b
    lineStart = false
  }
  state.lineStart = lineStart
  return out.subarray(0, o)
}

/**
 * A message handed to the client as one buffer, whichever form it came in:
 * for what must see it whole (a DKIM signature), at the cost of one copy of
 * a chunked message.
 */
export function messageBytes(raw: string | Uint8Array | MessageChunks): string | Uint8Array {
  if (typeof raw === 'string' || raw instanceof Uint8Array) return raw
  const out = new Uint8Array(raw.byteLength)
  let at = 0
  for (const piece of raw.chunks()) {
    out.set(piece, at)
    at += piece.length
  }
  return at === out.length ? out : out.subarray(0, at)
}
