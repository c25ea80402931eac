import { rewrite, scan, scanState, terminator } from './dot-stuffing.js'

/** The DATA section as it goes on the wire. */
export interface EncodedData {
  /**
   * CRLF-only, dot-stuffed content followed by the terminating `.` CRLF, to be
   * written in order. One chunk, except for a large message that needed no
   * rewriting: that goes out as given (not copied), then the terminator.
   */
  chunks: readonly Uint8Array[]
  /** Size of the message itself in bytes (CRLF line ends, before dot-stuffing and the terminator). */
  size: number
  /** Some byte is 8-bit (>= 0x80): `BODY=8BITMIME` is needed. */
  eightBit: boolean
}

/**
 * From this size on, a clean message is not copied just to append the
 * terminator: one more socket write costs less than copying it (a 10 MB
 * attachment makes a ~14 MB message). Below it, one write is cheaper.
 */
export const COPY_LIMIT = 64 * 1024

const encoder = new TextEncoder()

/**
 * Encodes a message for the DATA phase (RFC 5321 §4.5.2): every bare CR and
 * bare LF becomes CRLF (so no bare LF ever reaches the wire, see SMTP
 * smuggling), a line starting with `.` gets a second `.`, a missing final
 * CRLF is added, and `.` CRLF ends it (the rules live in `dot-stuffing.ts`).
 *
 * One byte scan; when the input is already clean (the composer's output) the
 * result is one copy with the terminator appended, or, from
 * {@link COPY_LIMIT} bytes on, the input itself and the terminator. Otherwise the scan goes on
 * from the first byte that needs rewriting; the clean prefix is not scanned again.
 *
 * @example
 * ```ts
 * encodeData('Subject: x\n\n.hello') // chunks: ["Subject: x\r\n\r\n..hello\r\n.\r\n"]
 * ```
 */
export function encodeData(message: Uint8Array | string): EncodedData {
  const data = typeof message === 'string' ? encoder.encode(message) : message
  const n = data.length
  const state = scanState()
  const dirty = scan(data, 0, state)
  if (dirty === n) {
    const end = terminator(state)
    if (n >= COPY_LIMIT) return { chunks: [data, end.bytes], size: n + end.extra, eightBit: state.eightBit }
    const bytes = new Uint8Array(n + end.bytes.length)
    bytes.set(data)
    bytes.set(end.bytes, n)
    return { chunks: [bytes], size: n + end.extra, eightBit: state.eightBit }
  }
  // Worst case every remaining byte doubles (a lone LF, or "." at a line start), plus the longest terminator.
  const out = new Uint8Array(dirty + (n - dirty) * 2 + 5)
  out.set(data.subarray(0, dirty))
  let o = rewrite(data, dirty, state, out, dirty)
  const end = terminator(state)
  out.set(end.bytes, o)
  const size = o + end.extra - state.stuffed
  o += end.bytes.length
  return { chunks: [out.subarray(0, o)], size, eightBit: state.eightBit }
}
