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
})
