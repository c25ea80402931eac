import { describe, expect, it } from 'vitest'
import { takeToken } from '../../src/store/token-bucket.js'

describe('token bucket arithmetic', () => {
  it('starts full, so a new caller may burst the whole minute', () => {
    const r = takeToken(undefined, 60, 0)
    expect(r).toMatchObject({ allowed: true, remaining: 59, resetMs: 1_000, retryAfterMs: 0 })
  })

  it('refuses when empty and says how long until the next token', () => {
    const r = takeToken({ tokens: 0.25, ts: 0 }, 60, 0)
    expect(r).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 750, resetMs: 59_750 })
    expect(r.state.tokens).toBe(0.25)
  })

  it('refills at capacity per minute and never above capacity', () => {
    expect(takeToken({ tokens: 0, ts: 0 }, 60, 1_000)).toMatchObject({ allowed: true, remaining: 0 })
    expect(takeToken({ tokens: 0, ts: 0 }, 60, 10 * 60_000)).toMatchObject({ allowed: true, remaining: 59 })
  })

  it('ignores a clock that went backwards', () => {
    expect(takeToken({ tokens: 0, ts: 5_000 }, 60, 1_000)).toMatchObject({ allowed: false })
  })
})
