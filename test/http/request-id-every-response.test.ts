import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('X-Request-Id on every kind of response', () => {
  const cases: [string, string, RequestInit, number][] = [
    ['a sent message', '/send', postJson(validMail()), 200],
    ['a batch', '/send/batch', postJson([validMail(), {}]), 200],
    ['a validation problem', '/send', postJson({}), 422],
    ['a guard refusing the content type', '/send', { method: 'POST', body: '{}' }, 415],
    ['invalid JSON', '/send', postJson('{'), 400],
    ['an unknown route', '/nowhere', { method: 'GET' }, 404],
    ['the health probe', '/healthz', { method: 'GET' }, 200],
    ['the metrics', '/metrics', { method: 'GET' }, 200],
  ]
  it.each(cases)('%s', async (_, path, init, status) => {
    const { app, logs } = testApp({ defaultFrom: 'app@example.com' })
    const res = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Request-Id': 'req-7' } })
    expect(res.status).toBe(status)
    expect(res.headers.get('x-request-id')).toBe('req-7')
    expect(logs.at(-1)?.request_id).toBe('req-7')
  })

  it('an idempotent replay, counted as one', async () => {
    const { app } = testApp()
    const init = postJson(validMail(), { 'Idempotency-Key': 'k-1' })
    await app.request('/send', init)
    const replay = await app.request('/send', { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Request-Id': 'req-8' } })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.headers.get('x-request-id')).toBe('req-8')
    const metrics = await (await app.request('/metrics')).text()
    expect(metrics).toMatch(/^mailbridge_idempotent_replays_total 1$/m)
  })
})
