import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { hookEnv, hookFile, post, standardHeaders } from './hook-config.js'

const body = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-01-01T00:00:00Z', data: { id: 'in_42', amount: '12.00 <EUR>' } })

describe('a Standard Webhooks hook', () => {
  it('verifies webhook-signature, renders and sends', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const res = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_1')))
    expect(res.status).toBe(200)
    const parsed = await simpleParser(Buffer.from(mailer.sent[0]!.raw))
    expect(parsed.subject).toBe('Invoice in_42 paid')
    expect(parsed.html).toContain('<p>Amount: 12.00 &lt;EUR&gt;</p>')
  })

  it('answers a repeated webhook-id again without sending twice', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const first = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_dup')))
    const again = await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_dup')))
    expect([first.status, again.status]).toEqual([200, 200])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    expect(mailer.sent).toHaveLength(1)
    expect((await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_other')))).status).toBe(200)
    expect(mailer.sent).toHaveLength(2)
  })

  it('lets a retry of a delivery that failed run again', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const partial = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } })
    expect((await app.request('/hooks/billing', post(partial, standardHeaders(partial, 'msg_retry')))).status).toBe(422)
    expect((await app.request('/hooks/billing', post(partial, standardHeaders(partial, 'msg_retry')))).status).toBe(422)
    expect(mailer.sent).toHaveLength(0)
  })

  // Headers are made when the test runs: the replay window is measured from then.
  const now = () => Math.floor(Date.now() / 1000)
  it.each([
    ['a timestamp older than the replay window', () => standardHeaders(body, 'm', now() - 330), /more than 300 s away/],
    ['a timestamp from the future', () => standardHeaders(body, 'm', now() + 330), /more than 300 s away/],
    ['a signature under another secret', () => standardHeaders(body, 'm', undefined, `whsec_${Buffer.from('another-key-of-24-bytes!').toString('base64')}`), /No v1 signature/],
    ['a signature of another id', () => ({ ...standardHeaders(body, 'm'), 'webhook-id': 'n' }), /No v1 signature/],
    ['no webhook-id', () => Object.fromEntries(Object.entries(standardHeaders(body, 'm')).filter(([k]) => k !== 'webhook-id')), /are required/],
  ])('refuses %s with 401 and sends nothing', async (_, headers: () => Record<string, string>, detail) => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const res = await app.request('/hooks/billing', post(body, headers()))
    expect(res.status).toBe(401)
    const problem = await res.json()
    expect(problem.code).toBe('invalid_signature')
    expect(problem.detail).toMatch(detail)
    expect(mailer.sent).toHaveLength(0)
  })

  it('accepts a list of signatures when one of them matches (key rotation)', async () => {
    const { app } = frontendsApp(hookFile(), hookEnv)
    const headers = standardHeaders(body, 'msg_rot')
    const res = await app.request('/hooks/billing', post(body, { ...headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${headers['webhook-signature']}` }))
    expect(res.status).toBe(200)
  })
})

describe('a Standard Webhooks secret that does not decode', () => {
  it('is refused when the verifier is made, never replaced by a fixed key', async () => {
    const { createVerifier } = await import('../../../src/http/hooks/signature.js')
    expect(() => createVerifier({ scheme: 'standard-webhooks', secret: 'whsec_not base64!', toleranceSeconds: 300 } as never)).toThrow(/not whsec_ followed by base64/)
  })
})

describe('the memory of Standard Webhooks delivery ids', () => {
  it('outlasts the replay window, however short IDEMPOTENCY_TTL_SECONDS is', async () => {
    const { createMemoryIdempotencyStore } = await import('../../../src/store/memory-idempotency.js')
    const store = createMemoryIdempotencyStore()
    const kept: number[] = []
    const spy = { ...store, complete: (...args: Parameters<typeof store.complete>) => (kept.push(args[3]), store.complete(...args)) }
    const { app } = frontendsApp(hookFile(), hookEnv, { idempotencyStore: spy, idempotencyTtlSeconds: 1 })
    expect((await app.request('/hooks/billing', post(body, standardHeaders(body, 'msg_ttl')))).status).toBe(200)
    // The default replay window is 300 s each way: the id is kept for both.
    expect(kept).toEqual([600_000])
  })
})
