import type { ClaimResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from './types.js'

/** Options for {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most records kept; beyond it the oldest written record is dropped. */
  maxEntries?: number
  /**
   * Rough budget for stored keys, fingerprints and responses, counted in
   * UTF-16 code units (about bytes for JSON); beyond it the oldest written
   * records are dropped. Default 64 Mi.
   */
  maxBytes?: number
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

interface Entry {
  record: IdempotencyRecord
  expiresAt: number
  size: number
}

/** Approximate footprint of one record. */
function sizeOf(key: string, record: IdempotencyRecord): number {
  let size = 64 + key.length + record.fingerprint.length
  if (record.state === 'in_progress') return size + record.token.length
  size += record.response.body.length
  for (const [name, value] of Object.entries(record.response.headers)) size += name.length + value.length
  return size
}

/**
 * An {@link IdempotencyStore} in this process's memory: bounded, with
 * expiring entries, and free of runtime-specific imports. Records are lost on
 * restart and not shared between instances; use the Redis store for that.
 *
 * When full (by count or by size), expired records are swept first, then the
 * records written longest ago are dropped (completed responses, as a rule,
 * since markers are short-lived). A single record larger than `maxBytes` is
 * still kept, alone.
 *
 * @example
 * const store = createMemoryIdempotencyStore({ maxEntries: 10_000 })
 */
export function createMemoryIdempotencyStore({
  maxEntries = 10_000,
  maxBytes = 64 * 1024 * 1024,
  now = Date.now,
}: MemoryIdempotencyStoreOptions = {}): IdempotencyStore & { readonly size: number; readonly bytes: number } {
  if (!(maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1')
  const entries = new Map<string, Entry>()
  let bytes = 0
  let lastSweep = -Infinity

  const remove = (key: string): void => {
    const entry = entries.get(key)
    if (!entry) return
    bytes -= entry.size
    entries.delete(key)
  }

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= now()) {
      remove(key)
      return undefined
    }
    return entry
  }

  const put = (key: string, record: IdempotencyRecord, ttlMs: number): void => {
    remove(key) // re-insert so Map order is write order
    const size = sizeOf(key, record)
    if (entries.size >= maxEntries || bytes + size > maxBytes) makeRoom(size)
    entries.set(key, { record, expiresAt: now() + ttlMs, size })
    bytes += size
  }

  const makeRoom = (incoming: number): void => {
    const t = now()
    if (t - lastSweep >= 1000) {
      lastSweep = t
      for (const [key, entry] of entries) if (entry.expiresAt <= t) remove(key)
    }
    while (entries.size >= maxEntries || (entries.size > 0 && bytes + incoming > maxBytes)) {
      const oldest = entries.keys().next()
      if (oldest.done) break
      remove(oldest.value)
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
    get bytes() {
      return bytes
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
      remove(key)
      return true
    },
  }
}
