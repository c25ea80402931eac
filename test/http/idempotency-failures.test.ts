import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import type { IdempotencyStore } from '../../src/store/types.js'
import { ok, post, tinyApp } from './idempotency-tiny-app.js'

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail: '' }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })

describe('idempotency middleware: failures', () => {
  it('does not store a failed send: a retry with the same key runs again and its success is kept', async () => {
    const outcomes = [problem(502, 'relay_unavailable'), problem(504, 'delivery_unknown')]
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() }, (b) => outcomes.shift() ?? ok(b))
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(502)
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(504)
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(200)
    const replay = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(calls).toHaveLength(3)
  })

  it('releases the key when the handler throws', async () => {
    let fail = true
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() }, (b) => {
      if (fail) throw new Error('boom')
      return ok(b)
    })
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(500)
    fail = false
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(200)
    expect(calls).toHaveLength(2)
  })

  it('stores and replays the failures named in storeProblemCodes', async () => {
    const { app, calls } = tinyApp(
      { store: createMemoryIdempotencyStore(), storeProblemCodes: ['delivery_unknown'] },
      () => problem(504, 'delivery_unknown'),
    )
    await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    const replay = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(replay.status).toBe(504)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.headers.get('Content-Type')).toBe('application/problem+json')
    expect(calls).toHaveLength(1)
  })

  it('answers 503 idempotency_unavailable without running the request when the store is down', async () => {
    const errors: unknown[] = []
    const down: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.reject(new Error('ECONNREFUSED')),
      release: () => Promise.reject(new Error('ECONNREFUSED')),
    }
    const { app, calls } = tinyApp({ store: down, onStoreError: (e) => errors.push(e) })
    const res = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('1')
    expect(await res.json()).toMatchObject({ code: 'idempotency_unavailable' })
    expect(calls).toHaveLength(0)
    expect(errors).toHaveLength(1)
  })

  it('keeps the in-progress marker when saving a success fails, so a retry cannot send twice', async () => {
    const memory = createMemoryIdempotencyStore()
    const flaky: IdempotencyStore = { ...memory, complete: () => Promise.reject(new Error('timeout')) }
    const { app, calls } = tinyApp({ store: flaky, onStoreError: () => {} })
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))).status).toBe(200)
    const retry = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(retry.status).toBe(409)
    expect(await retry.json()).toMatchObject({ code: 'idempotency_in_progress' })
    expect(calls).toHaveLength(1)
  })
})
