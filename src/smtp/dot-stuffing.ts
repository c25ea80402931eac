/**
 * The one place where message bytes are made safe for the DATA phase
 * (RFC 5321 §4.5.2): every bare CR and bare LF becomes CRLF, so no bare line
 * end ever reaches the wire (SMTP smuggling), and a `.` at the start of a line
 * gets a second `.`. Both encoders, for a whole message (`encodeData`) and
 * for one handed over piece by piece (`encodeChunks`), are built on the two
 * functions here, with a {@link ScanState} carried from piece to piece.
 */

const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e

/** Where the scan stands: between two pieces, or at the end of the message. */
export interface ScanState {
  /** The next byte starts a line. */
  lineStart: boolean
  /** The last byte seen was a CR whose LF, if any, is the next byte. */
  pendingCr: boolean
  /** Some byte seen so far is 8-bit (>= 0x80). */
  eightBit: boolean
  /** Dots added by {@link rewrite} so far. */
  stuffed: number
}

/** The state before the first byte of a message. */
export function scanState(): ScanState {
  return { lineStart: true, pendingCr: false, eightBit: false, stuffed: 0 }
}

/**
 * Scans `piece` from `from` on and returns the index of the first byte that
 * needs rewriting (a CR not followed by LF, a bare LF, a dot starting a line),
 * or `piece.length` when none does. `state` is updated up to that byte: a
 * piece ending in CR leaves `pendingCr` set, since its LF may start the next.
 */
export function scan(piece: Uint8Array, from: number, state: ScanState): number {
  const n = piece.length
  let lineStart = state.lineStart
  let eightBit = state.eightBit
  let dirty = n
  for (let i = from; i < n; i++) {
    const b = piece[i]!
    if (b > DOT) {
      if (b >= 0x80) eightBit = true
      lineStart = false
      continue
    }
    if (b === CR) {
      if (piece[i + 1] !== LF) {
        if (i + 1 < n) {
          dirty = i
          break
        }
        state.pendingCr = true
        lineStart = false
        break
      }
      i++
      lineStart = true
    } else if (b === LF || (b === DOT && lineStart)) {
      dirty = i
      break
    } else {
      lineStart = false
    }
  }
  state.lineStart = lineStart
  state.eightBit = eightBit
  return dirty
}

/**
 * Writes `piece` from `from` on into `out` at `at`, rewritten (bare CR and LF
 * made CRLF, line-leading dots doubled), and returns where it stopped in
 * `out`. `out` needs room for twice the bytes written. A CR at the very end
 * is written alone, with `pendingCr` set for the caller to complete.
 */
export function rewrite(piece: Uint8Array, from: number, state: ScanState, out: Uint8Array, at: number): number {
  const n = piece.length
  let o = at
  let lineStart = state.lineStart
  let eightBit = state.eightBit
  let stuffed = state.stuffed
  for (let i = from; i < n; i++) {
    const b = piece[i]!
    if (b === CR) {
      out[o++] = CR
      if (i + 1 === n) {
        state.pendingCr = true
        lineStart = false
        break
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
    if (b === DOT && lineStart) {
      out[o++] = DOT
      stuffed++
    } else if (b >= 0x80) eightBit = true
    out[o++] = b
    lineStart = false
  }
  state.lineStart = lineStart
  state.eightBit = eightBit
  state.stuffed = stuffed
  return o
}

/**
 * `piece` as it may go on the wire after the bytes before it: itself when
 * clean from `from` on, else a copy with the clean prefix kept and the rest
 * rewritten. `state` is updated to its end.
 */
export function encodePiece(piece: Uint8Array, from: number, state: ScanState): Uint8Array {
  const dirty = scan(piece, from, state)
  if (dirty === piece.length) return piece
  const out = new Uint8Array(dirty + (piece.length - dirty) * 2)
  out.set(piece.subarray(0, dirty))
  return out.subarray(0, rewrite(piece, dirty, state, out, dirty))
}

const LONE_LF = Uint8Array.of(LF)
const DOT_CRLF = Uint8Array.of(DOT, CR, LF)
const CRLF_DOT_CRLF = Uint8Array.of(CR, LF, DOT, CR, LF)
const LF_DOT_CRLF = Uint8Array.of(LF, DOT, CR, LF)

/**
 * What completes a bare CR at the start of the next piece: nothing when that
 * piece starts with LF (returns 1, the byte to skip), else a lone LF for the
 * caller to write first (returns 0). Clears `pendingCr`.
 */
export function completePendingCr(piece: Uint8Array, state: ScanState): { skip: 0 | 1; insert?: Uint8Array } {
  state.pendingCr = false
  state.lineStart = true
  return piece[0] === LF ? { skip: 1 } : { skip: 0, insert: LONE_LF }
}

/**
 * The end of the DATA section after the last byte scanned: the LF of a bare
 * CR, or a CRLF if the message does not end with one, then `.` CRLF.
 * `extra` counts the bytes before the dot, which belong to the message's size.
 */
export function terminator(state: ScanState): { bytes: Uint8Array; extra: number } {
  if (state.pendingCr) return { bytes: LF_DOT_CRLF, extra: 1 }
  return state.lineStart ? { bytes: DOT_CRLF, extra: 0 } : { bytes: CRLF_DOT_CRLF, extra: 2 }
}
