import { sha256Hex } from '../../store/keys.js'
import type { IdempotencyStore, StoredResponse } from '../../store/types.js'

/** What deduplicating one delivery decided. */
export type Delivery =
  /**
   * First time: `run` answers it once. A success is kept; any other answer,
   * or a throw, releases the id so a retry runs again.
   */
  | { kind: 'new'; run: (answer: () => Promise<Response>) => Promise<Response> }
  /** Already answered: send this again. */
  | { kind: 'seen'; response: StoredResponse }
  /** Still running elsewhere. */
  | { kind: 'running' }

/** Options for {@link claimDelivery}. */
export interface ClaimDeliveryOptions {
  store: IdempotencyStore
  /** How long an answered id is remembered, in seconds. */
  ttlSeconds: number
  /** Told when saving or releasing fails (the answer still goes out). */
  onStoreError: (err: unknown) => void
}

/**
 * Deduplicates a webhook delivery by its sender's id (Standard Webhooks'
 * `webhook-id`) through the idempotency store, so a sender's retry of a
 * delivery that was already mailed is answered again, not mailed twice.
 * The store key holds only SHA-256 digests of the hook's name and the id.
 *
 * @throws whatever the store throws while claiming (the caller answers `503`)
 */
export async function claimDelivery(hook: string, id: string, body: Uint8Array, { store, ttlSeconds, onStoreError }: ClaimDeliveryOptions): Promise<Delivery> {
  const [key, fingerprint] = await Promise.all([sha256Hex(`${hook}\n${id}`), sha256Hex(body)])
  const storeKey = `hook:${key}`
  const token = crypto.randomUUID()
  const claim = await store.claim(storeKey, { fingerprint, token }, 600_000)
  if (!claim.claimed) return claim.record.state === 'completed' ? { kind: 'seen', response: claim.record.response } : { kind: 'running' }
  return {
    kind: 'new',
    async run(answer) {
      let keep = false
      try {
        const response = await answer()
        keep = response.status >= 200 && response.status < 300
        if (keep) {
          const saved: StoredResponse = { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' }, body: await response.clone().text() }
          await store.complete(storeKey, token, { fingerprint, response: saved }, ttlSeconds * 1000).catch(onStoreError)
        }
        return response
      } finally {
        // As with Idempotency-Key: a success keeps its marker even when saving failed.
        if (!keep) await store.release(storeKey, token).catch(onStoreError)
      }
    },
  }
}
