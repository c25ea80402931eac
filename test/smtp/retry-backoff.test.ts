import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../src/smtp/retry.js'

describe('backoffDelay: jittered exponential backoff', () => {
  it('doubles from the base, keeps half of each step fixed and caps at the maximum', () => {
    const low = () => 0
    const high = () => 0.999999
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 100, 2000, low))).toEqual([50, 100, 200, 400])
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 100, 2000, high))).toEqual([100, 200, 400, 800])
    expect(backoffDelay(10, 100, 2000, low)).toBe(1000)
    expect(backoffDelay(10, 100, 2000, high)).toBe(2000)
  })
})
