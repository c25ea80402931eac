import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { ok, post, tinyApp } from './idempotency-tiny-app.js'

describe('idempotency middleware: conflicts and invalid keys', () => {
  it('answers 409 idempotency_key_reused for the same key with a different body', async () => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() })
    await app.request(post({ to: 'a@b.c' }, { 'Idempotency-Key': 'k' }))
    const res = await app.request(post({ to: 'x@y.z' }, { 'Idempotency-Key': 'k' }))
    expect(res.status).toBe(409)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 409, code: 'idempotency_key_reused', type: 'about:blank' })
    expect(calls).toHaveLength(1)
  })

  it('answers 409 idempotency_in_progress while the first request runs, then replays', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() }, async (body) => {
      await gate
      return ok(body)
    })
    const first = app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 1))
    const during = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(during.status).toBe(409)
    expect(during.headers.get('Retry-After')).toBe('1')
    expect(await during.json()).toMatchObject({ code: 'idempotency_in_progress' })
    release()
    expect((await first).status).toBe(200)
    const after = await app.request(post({ n: 1 }, { 'Idempotency-Key': 'k' }))
    expect(after.headers.get('Idempotent-Replayed')).toBe('true')
    expect(calls).toHaveLength(1)
  })

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(257)],
    ['non-ASCII', 'caf\u00e9'],
    ['control character', 'a\tb'],
  ])('answers 422 validation_error for a %s key without running the request', async (_name, key) => {
    const { app, calls } = tinyApp({ store: createMemoryIdempotencyStore() })
    const res = await app.request(post({ n: 1 }, { 'Idempotency-Key': key }))
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      code: 'validation_error',
      errors: [{ path: 'headers.idempotency-key' }],
    })
    expect(calls).toHaveLength(0)
  })

  it('accepts 256 printable characters, spaces inside included', async () => {
    const { app } = tinyApp({ store: createMemoryIdempotencyStore() })
    const key = 'a b~'.repeat(64)
    expect(key).toHaveLength(256)
    expect((await app.request(post({ n: 1 }, { 'Idempotency-Key': key }))).status).toBe(200)
  })
})
