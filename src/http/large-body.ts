import type { Context } from 'hono'
import type { AppEnv } from './env.js'

/** Bodies from this size on are read by {@link readLargeBody}. */
export const LARGE_BODY_BYTES = 1024 * 1024

/** What {@link readLargeBody} found. */
export type LargeBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'not_utf8' | 'unreadable' }

/**
 * Reads a body of `length` bytes (its `Content-Length`) from `chunks` (the
 * runtime's own reading of the request, see `AppOptions.requestBody`) or the
 * request's web stream into one buffer of that size, checking as it goes that it is valid
 * UTF-8, so a large body is held once: not as the chunks read, a joined copy
 * and a copy of that (what `arrayBuffer()` costs on Node), nor as a string.
 * Decoding each chunk to check it also gives the garbage collector the work
 * that frees the chunks already copied, while the body is still arriving.
 *
 * Every other reader of the body (`c.req.arrayBuffer()`, `text()`, `json()`)
 * then gets these bytes.
 */
export async function readLargeBody(c: Context<AppEnv>, length: number, chunks?: AsyncIterable<Uint8Array>): Promise<LargeBody> {
  let source = chunks
  if (source === undefined) {
    const stream = c.req.raw.body
    if (stream === null) return { ok: false, reason: 'unreadable' }
    source = chunksOf(stream)
  }
  const bytes = new Uint8Array(length)
  const strict = new TextDecoder('utf-8', { fatal: true })
  let received = 0
  let utf8 = true
  try {
    for await (const value of source) {
      // Too long for its Content-Length: read on, so the connection stays usable for the answer.
      if (received + value.length > length) {
        received = length + 1
        continue
      }
      bytes.set(value, received)
      received += value.length
      // Not UTF-8: read on to the end all the same, so the connection stays usable for the answer.
      utf8 &&= decodes(strict, value)
    }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  if (received > length) return { ok: false, reason: 'unreadable' }
  if (!utf8 || !decodes(strict)) return { ok: false, reason: 'not_utf8' }
  const body = received === length ? bytes : bytes.slice(0, received)
  // hono types the cache by value, but stores (and reads) promises.
  ;(c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer = Promise.resolve(body.buffer as ArrayBuffer)
  return { ok: true, bytes: body }
}

/** Feeds `chunk` to a fatal streaming decoder (or ends the stream); `false` when the bytes are not UTF-8. */
function decodes(decoder: TextDecoder, chunk?: Uint8Array): boolean {
  try {
    if (chunk === undefined) decoder.decode()
    else decoder.decode(chunk, { stream: true })
    return true
  } catch {
    return false
  }
}

/** The chunks of a web stream, through its reader (not every runtime makes streams async-iterable). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}
