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

const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e
const TERMINATOR = 3 // ".\r\n"

/**
 * From this size on, a clean message is not copied just to append the
 * terminator: one more socket write costs less than copying it (a 10 MB
 * attachment makes a ~14 MB message). Below it, one write is cheaper.
 */
export const COPY_LIMIT = 64 * 1024
const DOT_CRLF = Uint8Array.of(DOT, CR, LF)
const CRLF_DOT_CRLF = Uint8Array.of(CR, LF, DOT, CR, LF)

const encoder = new TextEncoder()

/**
 * Encodes a message for the DATA phase (RFC 5321 §4.5.2): every bare CR and
 * bare LF becomes CRLF (so no bare LF ever reaches the wire, see SMTP
 * smuggling), a line starting with `.` gets a second `.`, a missing final
 * CRLF is added, and `.` CRLF ends it.
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
  let eightBit = false
  let lineStart = true
  /** Index of the first byte that needs rewriting; `n` when none does. */
  let dirty = n
  for (let i = 0; i < n; i++) {
    const b = data[i]!
    if (b > DOT) {
      if (b >= 0x80) eightBit = true
      lineStart = false
      continue
    }
    if (b === CR) {
      if (data[i + 1] !== LF) {
        dirty = i
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
  if (dirty === n) {
    const tail = lineStart ? 0 : 2
    if (n >= COPY_LIMIT) return { chunks: [data, tail === 0 ? DOT_CRLF : CRLF_DOT_CRLF], size: n + tail, eightBit }
    const bytes = new Uint8Array(n + tail + TERMINATOR)
    bytes.set(data)
    let o = n
    if (tail !== 0) {
      bytes[o++] = CR
      bytes[o++] = LF
    }
    bytes[o++] = DOT
    bytes[o++] = CR
    bytes[o] = LF
    return { chunks: [bytes], size: n + tail, eightBit }
  }
  return encodeSlow(data, dirty, lineStart, eightBit)
}

/**
 * The general case: normalises line ends and stuffs dots, byte by byte, from
 * `from` on. The bytes before it were scanned clean, so they are copied as
 * they are, and the scan's state there (`lineStart`, `eightBit`) carries on.
 */
function encodeSlow(data: Uint8Array, from: number, lineStart: boolean, eightBit: boolean): EncodedData {
  const n = data.length
  // Worst case every remaining byte doubles (a lone LF, or "." at a line start), plus CRLF and ".\r\n".
  const out = new Uint8Array(from + (n - from) * 2 + 2 + TERMINATOR)
  out.set(data.subarray(0, from))
  let o = from
  let stuffed = 0
  for (let i = from; i < n; i++) {
    const b = data[i]!
    if (b === CR) {
      if (data[i + 1] === LF) i++
      out[o++] = CR
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
    } else if (b >= 0x80) {
      eightBit = true
    }
    out[o++] = b
    lineStart = false
  }
  if (!lineStart) {
    out[o++] = CR
    out[o++] = LF
  }
  const size = o - stuffed
  out[o++] = DOT
  out[o++] = CR
  out[o++] = LF
  return { chunks: [out.subarray(0, o)], size, eightBit }
}
