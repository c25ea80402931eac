import type { Redis } from 'ioredis'
import { COMPLETE_IF_OWNER, RELEASE_IF_OWNER } from './redis-scripts.js'
import type { ClaimResult, IdempotencyRecord, IdempotencyStore } from './types.js'

/** Options for {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** A connected (or connecting) ioredis client; the caller closes it. */
  redis: Redis
  /** Prefix for every key this store writes. */
  prefix?: string
}

interface IdempotencyCommands {
  mailbridgeIdemComplete(key: string, token: string, value: string, ttlMs: number): Promise<number>
  mailbridgeIdemRelease(key: string, token: string): Promise<number>
}

/**
 * An {@link IdempotencyStore} in Redis, shared by every instance pointing at
 * the same server. The claim is one `SET key value NX PX ttl`; completing and
 * releasing are Lua scripts that check the claimant's token first.
 * Node only (ioredis): import it from the Node entry, never from `app.ts`.
 *
 * @example
 * const store = createRedisIdempotencyStore({ redis: new Redis(url) })
 */
export function createRedisIdempotencyStore({ redis, prefix = 'mailbridge:idem:' }: RedisIdempotencyStoreOptions): IdempotencyStore {
  redis.defineCommand('mailbridgeIdemComplete', { numberOfKeys: 1, lua: COMPLETE_IF_OWNER })
  redis.defineCommand('mailbridgeIdemRelease', { numberOfKeys: 1, lua: RELEASE_IF_OWNER })
  const commands = redis as unknown as IdempotencyCommands

  return {
    async claim(key, { fingerprint, token }, ttlMs): Promise<ClaimResult> {
      const k = prefix + key
      const marker: IdempotencyRecord = { state: 'in_progress', fingerprint, token }
      // SET NX then GET: if the key vanishes in between (released or expired), try again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const set = await redis.set(k, JSON.stringify(marker), 'PX', Math.max(1, Math.round(ttlMs)), 'NX')
        if (set === 'OK') return { claimed: true }
        const raw = await redis.get(k)
        if (raw !== null) return { claimed: false, record: parseRecord(raw) }
      }
      throw new Error('idempotency claim did not settle')
    },
    async complete(key, token, { fingerprint, response }, ttlMs) {
      const record: IdempotencyRecord = { state: 'completed', fingerprint, response }
      const n = await commands.mailbridgeIdemComplete(prefix + key, token, JSON.stringify(record), Math.max(1, Math.round(ttlMs)))
      return n === 1
    },
    async release(key, token) {
      return (await commands.mailbridgeIdemRelease(prefix + key, token)) === 1
    },
  }
}

function parseRecord(raw: string): IdempotencyRecord {
  const value: unknown = JSON.parse(raw)
  if (typeof value === 'object' && value !== null && 'state' in value && 'fingerprint' in value) {
    const state = (value as { state: unknown }).state
    if (state === 'in_progress' || state === 'completed') return value as IdempotencyRecord
  }
  throw new Error('malformed idempotency record in Redis')
}
