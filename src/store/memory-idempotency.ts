import type { ClaimResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from './types.js'

/** Options for {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most records kept; beyond it the oldest written record is dropped. */
  maxEntries?: number
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

interface Entry {
  record: IdempotencyRecord
  expiresAt: number
}

/**
 * An {@link IdempotencyStore} in this process's memory: bounded, with
 * expiring entries, and free of runtime-specific imports. Records are lost on
 * restart and not shared between instances; use the Redis store for that.
 *
 * When full, expired records are swept first, then the record written longest
 * ago is dropped (a completed response, as a rule, since markers are short-lived).
 *
 * @example
 * const store = createMemoryIdempotencyStore({ maxEntries: 10_000 })
 */
export function createMemoryIdempotencyStore({
  maxEntries = 10_000,
  now = Date.now,
}: MemoryIdempotencyStoreOptions = {}): IdempotencyStore & { readonly size: number } {
  if (!(maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1')
  const entries = new Map<string, Entry>()
  let lastSweep = -Infinity

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  const put = (key: string, record: IdempotencyRecord, ttlMs: number): void => {
    entries.delete(key) // re-insert so Map order is write order
    if (entries.size >= maxEntries) makeRoom()
    entries.set(key, { record, expiresAt: now() + ttlMs })
  }

  const makeRoom = (): void => {
    const t = now()
    if (t - lastSweep >= 1000) {
      lastSweep = t
      for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key)
    }
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done) break
      entries.delete(oldest.value)
    }
  }

  const ownedBy = (key: string, token: string): boolean => {
    const record = live(key)?.record
    return record?.state === 'in_progress' && record.token === token
  }

  return {
    get size() {
      return entries.size
    },
    async claim(key, { fingerprint, token }, ttlMs): Promise<ClaimResult> {
      const existing = live(key)
      if (existing) return { claimed: false, record: existing.record }
      put(key, { state: 'in_progress', fingerprint, token }, ttlMs)
      return { claimed: true }
    },
    async complete(key, token, { fingerprint, response }: { fingerprint: string; response: StoredResponse }, ttlMs) {
      if (!ownedBy(key, token)) return false
      put(key, { state: 'completed', fingerprint, response }, ttlMs)
      return true
    },
    async release(key, token) {
      if (!ownedBy(key, token)) return false
      entries.delete(key)
      return true
    },
  }
}
