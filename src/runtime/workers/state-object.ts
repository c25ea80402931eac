import { DurableObject } from 'cloudflare:workers'
import { takeToken, type BucketState } from '../../store/token-bucket.js'
import type { ClaimResult, IdempotencyRecord, RateLimitDecision, StoredResponse } from '../../store/types.js'

/** An idempotency record and when it stops counting. */
interface StoredRecord {
  record: IdempotencyRecord
  expiresAt: number
}

/** What a Worker calls on a {@link MailbridgeState} object (through RPC). */
export interface MailbridgeStateApi {
  claim(fingerprint: string, token: string, ttlMs: number): Promise<ClaimResult>
  complete(token: string, completed: { fingerprint: string; response: StoredResponse }, ttlMs: number): Promise<boolean>
  release(token: string): Promise<boolean>
  take(perMinute: number): Promise<RateLimitDecision>
}

const RECORD = 'record'
const BUCKET = 'bucket'

/**
 * The Durable Object behind `MAILBRIDGE_STATE`: one object per idempotency key
 * and one per rate-limit bucket, so each holds a single value and every
 * operation on it is atomic (a Durable Object handles one event at a time and
 * its storage calls are serialised with them). Same semantics as the Redis
 * store: a claim is "set if absent, with a TTL"; completing and releasing
 * check the claimant's token first; the token bucket is `takeToken`'s, on the
 * object's clock. An alarm deletes the value once it expired.
 *
 * Export it from the Worker's main module and bind it, e.g. in `wrangler.toml`:
 * `[[durable_objects.bindings]] name = "MAILBRIDGE_STATE", class_name = "MailbridgeState"`.
 */
export class MailbridgeState extends DurableObject implements MailbridgeStateApi {
  async claim(fingerprint: string, token: string, ttlMs: number): Promise<ClaimResult> {
    const existing = await this.#live()
    if (existing !== undefined) return { claimed: false, record: existing }
    await this.#put({ state: 'in_progress', fingerprint, token }, ttlMs)
    return { claimed: true }
  }

  async complete(token: string, { fingerprint, response }: { fingerprint: string; response: StoredResponse }, ttlMs: number): Promise<boolean> {
    if (!(await this.#ownedBy(token))) return false
    await this.#put({ state: 'completed', fingerprint, response }, ttlMs)
    return true
  }

  async release(token: string): Promise<boolean> {
    if (!(await this.#ownedBy(token))) return false
    await this.ctx.storage.delete(RECORD)
    return true
  }

  async take(perMinute: number): Promise<RateLimitDecision> {
    const now = Date.now()
    const step = takeToken(await this.ctx.storage.get<BucketState>(BUCKET), perMinute, now)
    await this.ctx.storage.put(BUCKET, step.state)
    await this.ctx.storage.setAlarm(now + step.resetMs + 1000)
    const { allowed, remaining, resetMs, retryAfterMs } = step
    return { allowed, limit: perMinute, remaining, resetMs, retryAfterMs }
  }

  /** Deletes what expired; a value written since keeps its own alarm. */
  async alarm(): Promise<void> {
    const stored = await this.ctx.storage.get<StoredRecord>(RECORD)
    const bucket = await this.ctx.storage.get<BucketState>(BUCKET)
    const now = Date.now()
    if (stored !== undefined && stored.expiresAt > now) return this.ctx.storage.setAlarm(stored.expiresAt)
    if (bucket !== undefined && (await this.ctx.storage.getAlarm()) !== null) return
    await this.ctx.storage.deleteAll()
  }

  async #live(): Promise<IdempotencyRecord | undefined> {
    const stored = await this.ctx.storage.get<StoredRecord>(RECORD)
    if (stored === undefined) return undefined
    if (stored.expiresAt > Date.now()) return stored.record
    await this.ctx.storage.delete(RECORD)
    return undefined
  }

  async #ownedBy(token: string): Promise<boolean> {
    const record = await this.#live()
    return record?.state === 'in_progress' && record.token === token
  }

  async #put(record: IdempotencyRecord, ttlMs: number): Promise<void> {
    const expiresAt = Date.now() + Math.max(1, Math.round(ttlMs))
    await this.ctx.storage.put(RECORD, { record, expiresAt } satisfies StoredRecord)
    await this.ctx.storage.setAlarm(expiresAt)
  }
}
