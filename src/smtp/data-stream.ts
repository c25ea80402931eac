/**
 * The DATA section of a message the client is handed piece by piece
 * (`MessageChunks`), for large messages: the pieces go on the wire as they
 * come, each checked as `encodeData` checks a whole message, so a message is
 * never copied just to be sent.
 */

import { completePendingCr, encodePiece, scanState, terminator } from './dot-stuffing.js'

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

/**
 * Encodes a `MessageChunks` for the DATA phase as `encodeData` encodes a
 * whole message (CRLF only, dot-stuffed, `.` CRLF at the end, by the same
 * rules in `dot-stuffing.ts`): a clean piece (the composer's always are) goes
 * out as it is, any other is rewritten into a copy. The terminator is written
 * after the last piece, in a write of its own, so the write that carries the
 * final dot is known.
 */
export function encodeChunks(message: MessageChunks): Required<DataContent> {
  let state = scanState()
  const chunks: Iterable<Uint8Array> = {
    *[Symbol.iterator]() {
      state = scanState()
      for (const piece of message.chunks()) {
        if (piece.length === 0) continue
        let from = 0
        if (state.pendingCr) {
          const completion = completePendingCr(piece, state)
          if (completion.insert) yield completion.insert
          from = completion.skip
        }
        yield encodePiece(piece, from, state)
      }
    },
  }
  return {
    chunks,
    size: message.byteLength,
    eightBit: message.eightBit,
    terminator: () => terminator(state).bytes,
  }
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
