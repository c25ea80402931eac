import { describe, expect, it } from 'vitest'
import { createMemoryRateLimiter } from '../../src/store/memory-rate-limiter.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('rate limits on the real app (fake mailer)', () => {
  it('adds RateLimit headers to /send and answers 429 rate_limited with Retry-After past the limit', async () => {
    const { app, mailer, logs } = testApp({ apiKeys: ['k1'], rateLimitPerMinute: 2 })
    const send = () => app.request('/send', postJson(validMail(), { Authorization: 'Bearer k1' }))
    const first = await send()
    expect(first.status).toBe(200)
    expect(first.headers.get('RateLimit-Limit')).toBe('2')
    expect(first.headers.get('RateLimit-Remaining')).toBe('1')
    expect(Number(first.headers.get('RateLimit-Reset'))).toBeGreaterThan(0)
    await send()
    const limited = await send()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(limited.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await limited.json()).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests' })
    expect(logs.at(-1)?.error_code).toBe('rate_limited')
    expect(mailer.sent).toHaveLength(2)
  })

  it('limits each API key separately, and counts failed requests too', async () => {
    const { app } = testApp({ apiKeys: ['k1', 'k2'], rateLimitPerMinute: 1 })
    const bad = await app.request('/send', postJson({ nope: true }, { Authorization: 'Bearer k1' }))
    expect(bad.status).toBe(422)
    expect((await app.request('/send', postJson(validMail(), { Authorization: 'Bearer k1' }))).status).toBe(429)
    expect((await app.request('/send', postJson(validMail(), { Authorization: 'Bearer k2' }))).status).toBe(200)
  })

  it('limits by client address when authentication is off', async () => {
    const { app } = testApp({
      rateLimiter: createMemoryRateLimiter({ perMinute: 1 }),
      clientAddress: (c) => c.req.header('x-test-addr'),
    })
    const from = (addr: string, bearer: string) => postJson(validMail(), { 'x-test-addr': addr, Authorization: `Bearer ${bearer}` })
    expect((await app.request('/send', from('127.0.0.1', 'a'))).status).toBe(200)
    expect((await app.request('/send', from('127.0.0.1', 'b'))).status).toBe(429)
    expect((await app.request('/send', from('127.0.0.2', 'a'))).status).toBe(200)
  })

  it('counts and labels replays of an Idempotency-Key like any other request', async () => {
    const { app, mailer } = testApp({ rateLimitPerMinute: 3 })
    const req = () => postJson(validMail(), { 'Idempotency-Key': 'r' })
    await app.request('/send', req())
    const replay = await app.request('/send', req())
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.headers.get('RateLimit-Remaining')).toBe('1')
    expect(mailer.sent).toHaveLength(1)
  })

  it('leaves /healthz and routes alone when no limit is configured', async () => {
    const { app } = testApp({ rateLimitPerMinute: 1 })
    expect((await app.request('/healthz')).headers.get('RateLimit-Limit')).toBeNull()
    const unlimited = testApp()
    const res = await unlimited.app.request('/send', postJson(validMail()))
    expect(res.headers.get('RateLimit-Limit')).toBeNull()
  })
})
