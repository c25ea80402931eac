import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'

const response = { status: 200, headers: {}, body: '{}' }

describe('memory idempotency store: bounded size', () => {
  it('never holds more than maxEntries and drops the oldest written record', async () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 3 })
    for (const k of ['a', 'b', 'c', 'd', 'e']) await store.claim(k, { fingerprint: k, token: k }, 60_000)
    expect(store.size).toBe(3)
    expect((await store.claim('a', { fingerprint: 'a', token: 'x' }, 60_000)).claimed).toBe(true) // 'a' was dropped
    expect((await store.claim('e', { fingerprint: 'e', token: 'x' }, 60_000)).claimed).toBe(false) // 'e' kept
    expect(store.size).toBe(3)
  })

  it('sweeps expired records before dropping live ones', async () => {
    let now = 0
    const store = createMemoryIdempotencyStore({ maxEntries: 3, now: () => now })
    await store.claim('short', { fingerprint: 's', token: 's' }, 10)
    await store.claim('long1', { fingerprint: 'l', token: 'l1' }, 60_000)
    await store.claim('long2', { fingerprint: 'l', token: 'l2' }, 60_000)
    now = 5_000
    await store.claim('new', { fingerprint: 'n', token: 'n' }, 60_000)
    expect((await store.claim('long1', { fingerprint: 'l', token: 'x' }, 60_000)).claimed).toBe(false)
    expect((await store.claim('long2', { fingerprint: 'l', token: 'x' }, 60_000)).claimed).toBe(false)
  })

  it('counts a completed record as a write, moving it to the young end', async () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 2 })
    await store.claim('a', { fingerprint: 'a', token: 'a' }, 60_000)
    await store.claim('b', { fingerprint: 'b', token: 'b' }, 60_000)
    await store.complete('a', 'a', { fingerprint: 'a', response }, 60_000)
    await store.claim('c', { fingerprint: 'c', token: 'c' }, 60_000) // drops 'b', the oldest write
    expect((await store.claim('a', { fingerprint: 'a', token: 'x' }, 60_000)).claimed).toBe(false)
    expect((await store.claim('b', { fingerprint: 'b', token: 'x' }, 60_000)).claimed).toBe(true)
  })

  it('stays within maxBytes by dropping the oldest responses, keeping at least the newest', async () => {
    const store = createMemoryIdempotencyStore({ maxBytes: 3_000 })
    const big = { status: 200, headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1_000) }
    for (const k of ['a', 'b', 'c', 'd']) {
      await store.claim(k, { fingerprint: k, token: k }, 60_000)
      await store.complete(k, k, { fingerprint: k, response: big }, 60_000)
      expect(store.bytes).toBeLessThanOrEqual(3_000)
    }
    expect((await store.claim('a', { fingerprint: 'a', token: 'x' }, 60_000)).claimed).toBe(true)
    expect(await store.claim('d', { fingerprint: 'd', token: 'x' }, 60_000)).toMatchObject({ claimed: false, record: { state: 'completed' } })
    const huge = { ...big, body: 'y'.repeat(10_000) }
    await store.claim('h', { fingerprint: 'h', token: 'h' }, 60_000)
    expect(await store.complete('h', 'h', { fingerprint: 'h', response: huge }, 60_000)).toBe(true)
    expect(store.size).toBe(1)
    await store.release('h', 'h') // no-op: completed
    expect(store.bytes).toBeGreaterThan(10_000)
  })

  it('gives the bytes back when records are released or expire', async () => {
    let now = 0
    const store = createMemoryIdempotencyStore({ now: () => now })
    await store.claim('a', { fingerprint: 'a', token: 'a' }, 1_000)
    await store.claim('b', { fingerprint: 'b', token: 'b' }, 1_000)
    expect(store.bytes).toBeGreaterThan(0)
    await store.release('a', 'a')
    now = 1_000
    await store.claim('b', { fingerprint: 'b', token: 'c' }, 1_000) // 'b' expired: replaced
    await store.release('b', 'c')
    expect(store.size).toBe(0)
    expect(store.bytes).toBe(0)
  })
})
