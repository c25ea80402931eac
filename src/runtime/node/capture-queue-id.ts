import { randomBytes } from 'node:crypto'

/** 32 upper-case letters and digits, without the look-alikes I, O, 0 and 1. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * A random Postfix-style queue id: 12 upper-case alphanumerics (60 bits), safe
 * as a file name and matched by every "queued as X" parser.
 *
 * @example
 * ```ts
 * newQueueId() // 'K7Q2MZB9XW4D'
 * ```
 */
export function newQueueId(length = 12): string {
  const bytes = randomBytes(length)
  let id = ''
  // 256 is a multiple of 32, so masking keeps the choice uniform.
  for (const b of bytes) id += ALPHABET[b & 31]
  return id
}
