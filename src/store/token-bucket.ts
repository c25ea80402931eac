/**
 * Token-bucket arithmetic shared by the in-memory limiter. The Redis limiter
 * runs the same steps in Lua (`redis-scripts.ts`); keep them in step.
 *
 * A bucket holds up to `capacity` tokens and refills continuously at
 * `capacity` tokens per minute, so a caller may burst the whole minute's
 * quota and then proceeds at the steady rate.
 */

/** A bucket's state: fractional tokens left at time `ts` (ms). */
export interface BucketState {
  tokens: number
  ts: number
}

/** Result of one {@link takeToken} step. */
export interface TakeResult {
  state: BucketState
  allowed: boolean
  remaining: number
  resetMs: number
  retryAfterMs: number
}

/** Refills `state` up to `now`, then takes one token if there is one. */
export function takeToken(state: BucketState | undefined, capacity: number, now: number): TakeResult {
  const perMs = capacity / 60_000
  let tokens = capacity
  if (state) tokens = Math.min(capacity, state.tokens + Math.max(0, now - state.ts) * perMs)
  const allowed = tokens >= 1
  if (allowed) tokens -= 1
  return {
    state: { tokens, ts: now },
    allowed,
    remaining: Math.floor(tokens),
    resetMs: Math.ceil((capacity - tokens) / perMs),
    retryAfterMs: tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs),
  }
}
