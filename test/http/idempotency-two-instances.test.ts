import { describe, expect, it } from 'vitest'
import { useRedis } from '../helpers/redis.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('two app instances sharing one Redis: Idempotency-Key', () => {
  const server = useRedis()

  const instance = () => {
    const s = server.stores()
    return testApp({ apiKeys: ['key-a', 'key-b'], idempotencyStore: s.idempotencyStore })
  }

  it('serves the replay from the other instance, sending the message once', async () => {
    const [one, two] = [instance(), instance()]
    const req = (key = 'key-a') => postJson(validMail(), { Authorization: `Bearer ${key}`, 'Idempotency-Key': 'invoice-9' })
    const first = await one.app.request('/send', req())
    expect(first.status).toBe(200)
    const replay = await two.app.request('/send', req())
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await replay.json()).toEqual(await first.json())
    expect(one.mailer.sent.length + two.mailer.sent.length).toBe(1)
    // Another API key's identical request is its own.
    expect((await two.app.request('/send', req('key-b'))).headers.get('Idempotent-Replayed')).toBeNull()
    expect(two.mailer.sent).toHaveLength(1)
  })

  it('sends once when both instances receive the same request at the same time', async () => {
    const [one, two] = [instance(), instance()]
    const req = () => postJson(validMail(), { Authorization: 'Bearer key-a', 'Idempotency-Key': 'race-1' })
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).app.request('/send', req())))
    expect(one.mailer.sent.length + two.mailer.sent.length).toBe(1)
    for (const r of responses) expect([200, 409]).toContain(r.status)
    expect(responses.filter((r) => r.status === 200 && r.headers.get('Idempotent-Replayed') === null)).toHaveLength(1)
  })

  it('stores no key material in Redis: neither the API key nor the Idempotency-Key', async () => {
    const one = instance()
    await one.app.request('/send', postJson(validMail(), { Authorization: 'Bearer key-a', 'Idempotency-Key': 'visible-key' }))
    const keys = await server.client().keys('*')
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.join('\n')).not.toMatch(/key-a|visible-key/)
  })
})
