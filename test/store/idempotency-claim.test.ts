import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { createRedisIdempotencyStore } from '../../src/store/redis-idempotency.js'
import type { IdempotencyStore } from '../../src/store/types.js'
import { useRedis } from '../helpers/redis.js'

const server = useRedis()

const response = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"queue_id":"Q1"}' }
const HOUR = 3_600_000

const implementations: [string, () => IdempotencyStore][] = [
  ['memory', () => createMemoryIdempotencyStore()],
  ['redis', () => createRedisIdempotencyStore({ redis: server.client(), prefix: `t${Math.random()}:` })],
]

describe.each(implementations)('%s idempotency store: claim, complete, release', (_name, make) => {
  it('lets exactly one of many concurrent claims win and shows the others the marker', async () => {
    const store = make()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.claim('k', { fingerprint: 'fp', token: `t${i}` }, HOUR)),
    )
    expect(results.filter((r) => r.claimed)).toHaveLength(1)
    for (const r of results) {
      if (!r.claimed) expect(r.record).toMatchObject({ state: 'in_progress', fingerprint: 'fp' })
    }
  })

  it('replaces the marker with the response on complete, for the claimant only', async () => {
    const store = make()
    expect(await store.claim('k', { fingerprint: 'fp', token: 'mine' }, HOUR)).toEqual({ claimed: true })
    expect(await store.complete('k', 'theirs', { fingerprint: 'fp', response }, HOUR)).toBe(false)
    expect(await store.complete('k', 'mine', { fingerprint: 'fp', response }, HOUR)).toBe(true)
    const again = await store.claim('k', { fingerprint: 'other', token: 'x' }, HOUR)
    expect(again).toEqual({ claimed: false, record: { state: 'completed', fingerprint: 'fp', response } })
    // A completed record cannot be released or completed again.
    expect(await store.release('k', 'mine')).toBe(false)
    expect(await store.complete('k', 'mine', { fingerprint: 'fp', response }, HOUR)).toBe(false)
  })

  it('frees the key on release by the claimant so a retry can claim it', async () => {
    const store = make()
    await store.claim('k', { fingerprint: 'fp', token: 'mine' }, HOUR)
    expect(await store.release('k', 'theirs')).toBe(false)
    expect((await store.claim('k', { fingerprint: 'fp', token: 'retry' }, HOUR)).claimed).toBe(false)
    expect(await store.release('k', 'mine')).toBe(true)
    expect(await store.claim('k', { fingerprint: 'fp', token: 'retry' }, HOUR)).toEqual({ claimed: true })
  })

  it('keeps keys apart', async () => {
    const store = make()
    expect((await store.claim('a', { fingerprint: 'fp', token: '1' }, HOUR)).claimed).toBe(true)
    expect((await store.claim('b', { fingerprint: 'fp', token: '2' }, HOUR)).claimed).toBe(true)
  })
})
