/**
 * Storage contracts for idempotency records and rate-limit buckets.
 *
 * Two implementations of each exist: in memory (the default, one process,
 * runtime-portable) and Redis (shared by several instances, Node only). The
 * HTTP middleware in `src/http/idempotency.ts` and `src/http/rate-limit.ts`
 * depends only on these interfaces.
 */

/** A response saved so a repeated request can be answered without re-running it. */
export interface StoredResponse {
  status: number
  /** Lower-case header names to values, only the headers worth replaying. */
  headers: Record<string, string>
  body: string
}

/** What a store holds under one idempotency key. */
export type IdempotencyRecord =
  | {
      state: 'in_progress'
      /** SHA-256 of the request (method, path, body) that claimed the key. */
      fingerprint: string
      /** Random value naming the claimant; only it may complete or release. */
      token: string
    }
  | {
      state: 'completed'
      fingerprint: string
      response: StoredResponse
    }

/** Outcome of {@link IdempotencyStore.claim}. */
export type ClaimResult = { claimed: true } | { claimed: false; record: IdempotencyRecord }

/** Keeps idempotency records; every operation is atomic per key. */
export interface IdempotencyStore {
  /**
   * Claims `key` with an in-progress marker when nothing is stored under it;
   * otherwise returns what is stored. The marker expires after `ttlMs` so a
   * crashed instance cannot block a key forever.
   */
  claim(key: string, claim: { fingerprint: string; token: string }, ttlMs: number): Promise<ClaimResult>
  /**
   * Replaces the claimant's marker with the final response, kept `ttlMs`.
   * Does nothing (returns false) when the marker is no longer `token`'s.
   */
  complete(key: string, token: string, record: { fingerprint: string; response: StoredResponse }, ttlMs: number): Promise<boolean>
  /** Removes the claimant's marker so a retry can run. No-op when not `token`'s. */
  release(key: string, token: string): Promise<boolean>
}

/** Result of taking one token from a rate-limit bucket. */
export interface RateLimitDecision {
  allowed: boolean
  /** Bucket capacity: requests allowed per minute. */
  limit: number
  /** Whole tokens left after this request. */
  remaining: number
  /** Milliseconds until the bucket is full again. */
  resetMs: number
  /** Milliseconds until one token is available (0 when `remaining > 0`). */
  retryAfterMs: number
}

/** A token-bucket rate limiter keyed by caller identity. */
export interface RateLimiter {
  readonly limit: number
  /** Takes one token from `key`'s bucket, if one is available. */
  take(key: string): Promise<RateLimitDecision>
}
