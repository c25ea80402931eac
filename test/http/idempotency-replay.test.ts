import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { post, tinyApp } from './idempotency-tiny-app.js'

describe('idempotency middleware: replay', () => {
  it('runs the first request once and replays its response for a repeat, marked Idempotent-Replayed', async () => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() })
    const first = await app.request(post({ to: 'a@b.c' }, { 'Idempotency-Key': 'order-1' }))
    const firstBody = await first.text()
    expect(first.status).toBe(200)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()

    const again = await app.request(post({ to: 'a@b.c' }, { 'Idempotency-Key': 'order-1' }))
    expect(again.status).toBe(200)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.headers.get('Content-Type')).toBe(first.headers.get('Content-Type'))
    expect(again.headers.get('X-Other')).toBeNull()
    expect(await again.text()).toBe(firstBody)
    expect(calls).toHaveLength(1)
  })

  it('passes requests without the header straight through', async () => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() })
    await app.request(post({ to: 'a@b.c' }))
    await app.request(post({ to: 'a@b.c' }))
    expect(calls).toHaveLength(2)
  })

  it('keeps each API key in its own key space and never writes the API key to the store', async () => {
    const store = createMemoryIdempotencyStore()
    const seen: string[] = []
    const spy = { ...store, claim: (k: string, c: { fingerprint: string; token: string }, t: number) => (seen.push(k), store.claim(k, c, t)) }
    const { app, calls } = tinyApp({ store: spy })
    await app.request(post({ n: 1 }, { 'Idempotency-Key': 'same', Authorization: 'Bearer key-one' }))
    const other = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'same', Authorization: 'Bearer key-two' }))
    expect(other.headers.get('Idempotent-Replayed')).toBeNull()
    expect(calls).toHaveLength(2)
    const replay = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'same', Authorization: 'Bearer key-one' }))
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(seen.some((k) => k.includes('key-one') || k.includes('key-two') || k.includes('same'))).toBe(false)
  })

  it('uses a constant scope when told to, so all callers share keys', async () => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore(), scope: () => 'anonymous' })
    await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k', Authorization: 'Bearer a' }))
    const res = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k', Authorization: 'Bearer b' }))
    expect(res.headers.get('Idempotent-Replayed')).toBe('true')
    expect(calls).toHaveLength(1)
  })

  it('stops replaying once the TTL passes', async () => {
    let now = 0
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore({ now: () => now }), ttlSeconds: 60 })
    await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    now = 59_999
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).headers.get('Idempotent-Replayed')).toBe('true')
    now = 60_000
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).headers.get('Idempotent-Replayed')).toBeNull()
    expect(calls).toHaveLength(2)
  })

  it('lets the handler still read the body it fingerprinted', async () => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() })
    await app.request(post({ subject: 'Grüße' }, { 'Idempotency-Key': 'k' }))
    expect(calls).toEqual([{ subject: 'Grüße' }])
  })
})
