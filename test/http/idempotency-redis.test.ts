import { describe, expect, it } from 'vitest'
import { createRedisIdempotencyStore } from '../../src/store/redis-idempotency.js'
import { useRedis } from '../helpers/redis.js'
import { ok, post, tinyApp } from './idempotency-tiny-app.js'

describe('idempotency middleware on a shared Redis', () => {
  const server = useRedis()

  it('replays on one instance the response produced by another', async () => {
    const one = tinyApp({ store: createRedisIdempotencyStore({ redis: server.client() }) })
    const two = tinyApp({ store: createRedisIdempotencyStore({ redis: server.client() }) })
    const first = await one.app.request(post({ n: 1 }, { 'Idempotency-Key': 'shared-1' }))
    const replay = await two.app.request(post({ n: 1 }, { 'Idempotency-Key': 'shared-1' }))
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await replay.text()).toBe(await first.text())
    expect(one.calls).toHaveLength(1)
    expect(two.calls).toHaveLength(0)
    const reused = await two.app.request(post({ n: 2 }, { 'Idempotency-Key': 'shared-1' }))
    expect(reused.status).toBe(409)
  })

  it('answers 409 in progress on one instance while another runs the request', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const one = tinyApp({ store: createRedisIdempotencyStore({ redis: server.client() }) }, async (b) => {
      await gate
      return ok(b)
    })
    const two = tinyApp({ store: createRedisIdempotencyStore({ redis: server.client() }) })
    const first = one.app.request(post({ n: 1 }, { 'Idempotency-Key': 'shared-2' }))
    while (one.calls.length === 0) await new Promise((r) => setTimeout(r, 1))
    const during = await two.app.request(post({ n: 1 }, { 'Idempotency-Key': 'shared-2' }))
    expect(await during.json()).toMatchObject({ status: 409, code: 'idempotency_in_progress' })
    release()
    await first
    expect((await two.app.request(post({ n: 1 }, { 'Idempotency-Key': 'shared-2' }))).headers.get('Idempotent-Replayed')).toBe('true')
    expect(two.calls).toHaveLength(0)
  })

  it('runs a request exactly once when many instances race on one key', async () => {
    const apps = Array.from({ length: 4 }, () => tinyApp({ store: createRedisIdempotencyStore({ redis: server.client() }) }))
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => apps[i % 4]!.app.request(post({ n: 3 }, { 'Idempotency-Key': 'race' }))),
    )
    expect(apps.reduce((n, a) => n + a.calls.length, 0)).toBe(1)
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true)
  })
})
