/**
 * The "relaxed" canonicalisation of header fields (RFC 6376 §3.4.2) and of
 * the body (RFC 6376 §3.4.4): what the signer hashes, and what every
 * verifier recomputes from the message it received.
 */

import { fieldName } from './message.js'

const CR = 0x0d
const LF = 0x0a
const SP = 0x20
const HTAB = 0x09

/**
 * One header field, relaxed: the name in lower case, no whitespace around
 * the colon, the value unfolded, runs of spaces and tabs reduced to one
 * space, and none at its end. `field` is the whole field as a binary string
 * (one character per byte), with or without its final CRLF; the result has
 * no CRLF.
 *
 * @example
 * ```ts
 * relaxedHeader('Subject :  Hello\r\n   world  \r\n') // 'subject:Hello world'
 * ```
 */
export function relaxedHeader(field: string): string {
  const value = field
    .slice(field.indexOf(':') + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '')
  return `${fieldName(field)}:${value}`
}

/**
 * The body, relaxed: spaces and tabs at the end of each line dropped, runs of
 * them inside a line reduced to one space, empty lines at the end dropped,
 * and a non-empty body ended with CRLF. An empty body stays empty. `body`
 * must use CRLF line ends (see {@link toCrlf}).
 *
 * @example
 * ```ts
 * relaxedBody(bytes('Hi  there \r\n\r\n\r\n')) // bytes('Hi there\r\n')
 * ```
 */
export function relaxedBody(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 2)
  let o = 0
  /** Where the output ends once trailing empty lines are dropped. */
  let lastContent = 0
  let pendingSpace = false
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!
    if (b === SP || b === HTAB) {
      pendingSpace = true
      continue
    }
    if (b === CR && body[i + 1] === LF) {
      // Whitespace before a line end is dropped.
      pendingSpace = false
      const empty = o === 0 || (out[o - 1] === LF && out[o - 2] === CR)
      out[o++] = CR
      out[o++] = LF
      i++
      if (!empty) lastContent = o
      continue
    }
    if (pendingSpace) {
      out[o++] = SP
      pendingSpace = false
    }
    out[o++] = b
    lastContent = o
  }
  // A last line without CRLF: its trailing whitespace is dropped, and a CRLF added.
  if (lastContent > 0 && !(out[lastContent - 1] === LF && out[lastContent - 2] === CR)) {
    out[lastContent++] = CR
    out[lastContent++] = LF
  }
  return out.subarray(0, lastContent)
}

/**
 * `message` with every line ending CRLF, as the SMTP client puts it on the
 * wire: a lone CR or LF becomes CRLF. Returns `message` itself when it has
 * none, so the signature covers exactly the bytes that are sent.
 */
export function toCrlf(message: Uint8Array): Uint8Array {
  let lone = 0
  for (let i = 0; i < message.length; i++) {
    const b = message[i]!
    if (b === CR) {
      if (message[i + 1] === LF) i++
      else lone++
    } else if (b === LF) lone++
  }
  if (lone === 0) return message
  const out = new Uint8Array(message.length + lone)
  let o = 0
  for (let i = 0; i < message.length; i++) {
    const b = message[i]!
    if (b === CR || b === LF) {
      if (b === CR && message[i + 1] === LF) i++
      out[o++] = CR
      out[o++] = LF
    } else out[o++] = b
  }
  return out
}
