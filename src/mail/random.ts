/**
 * Cryptographically secure random bytes from `crypto.getRandomValues`, drawn
 * from a pool so that a message (a Message-ID and a boundary per multipart)
 * costs one system call every few hundred messages instead of several each.
 */

const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let offset = 0

/** `n` fresh random bytes (a copy; never handed out twice). */
export function randomPool(n: number): Uint8Array {
  if (n > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(n))
  if (offset + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    offset = 0
  }
  const out = pool.slice(offset, offset + n)
  offset += n
  return out
}
