import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../../src/store/memory-idempotency.js'
import type { IdempotencyStore } from '../../../src/store/types.js'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { githubSignature, hookEnv, hookFile, post, standardHeaders } from './hook-config.js'

const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_42', amount: '12.00' } })

describe('the problems a hook answers before it sends', () => {
  it('answers 400 invalid_json for a signed payload that is not JSON, and sends nothing', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const text = 'not json'
    const res = await app.request('/hooks/github-issues', post(text, { 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': githubSignature(text) }))
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('invalid_json')
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 413 payload_too_large for a payload over MAX_BODY_BYTES, and sends nothing', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv, { maxBodyBytes: 64 })
    const big = JSON.stringify({ type: 'invoice.paid', data: { id: 'x'.repeat(100) } })
    const res = await app.request('/hooks/billing', post(big, standardHeaders(big, 'msg_big')))
    expect(res.status).toBe(413)
    expect((await res.json()).code).toBe('payload_too_large')
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 409 idempotency_in_progress with Retry-After while the same delivery id runs', async () => {
    // Another instance claimed this delivery id and has not answered yet.
    const running: IdempotencyStore = { ...createMemoryIdempotencyStore(), claim: () => Promise.resolve({ claimed: false, record: { state: 'in_progress', fingerprint: 'f', token: 't' } }) }
    const { app, mailer } = frontendsApp(hookFile(), hookEnv, { idempotencyStore: running })
    const res = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_running')))
    expect(res.status).toBe(409)
    expect(res.headers.get('retry-after')).toBe('1')
    expect((await res.json()).code).toBe('idempotency_in_progress')
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 503 idempotency_unavailable with Retry-After when the store of delivery ids fails, and sends nothing', async () => {
    const down: IdempotencyStore = { ...createMemoryIdempotencyStore(), claim: () => Promise.reject(new Error('ECONNREFUSED')) }
    const { app, mailer } = frontendsApp(hookFile(), hookEnv, { idempotencyStore: down })
    const res = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_down')))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect((await res.json()).code).toBe('idempotency_unavailable')
    expect(mailer.sent).toHaveLength(0)
  })
})

describe('a hook delivery whose handling throws', () => {
  it('releases its delivery id: a retry by the sender runs instead of a 409 for as long as the claim lives', async () => {
    let calls = 0
    const store = createMemoryIdempotencyStore()
    const { app, mailer } = frontendsApp(hookFile(), hookEnv, { idempotencyStore: store })
    const { app: failing } = frontendsApp(hookFile(), hookEnv, {
      idempotencyStore: store,
      handle: () => {
        calls++
        return Promise.reject(new Error('unexpected'))
      },
    })
    expect((await failing.request('/hooks/billing', post(body, standardHeaders(body, 'msg_throws')))).status).toBe(500)
    expect(calls).toBe(1)
    const retry = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_throws')))
    expect(retry.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })
})
