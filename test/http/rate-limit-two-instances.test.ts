import { describe, expect, it } from 'vitest'
import { useRedis } from '../helpers/redis.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

describe('two app instances sharing one Redis: rate limit', () => {
  const server = useRedis()

  const instance = () => {
    const s = server.stores({ rateLimitPerMinute: 3 })
    return testApp({ apiKeys: ['key-a', 'key-b'], rateLimiter: s.rateLimiter })
  }

  it('counts one API key across both instances and answers 429 with Retry-After past the limit', async () => {
    const [one, two] = [instance(), instance()]
    const req = (key = 'key-a') => postJson(validMail(), { Authorization: `Bearer ${key}` })
    const responses = []
    for (let i = 0; i < 5; i++) responses.push(await (i % 2 ? one : two).app.request('/send', req()))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429])
    expect(responses.map((r) => r.headers.get('RateLimit-Remaining'))).toEqual(['2', '1', '0', '0', '0'])
    expect(Number(responses[3]!.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(await responses[4]!.json()).toMatchObject({ code: 'rate_limited' })
    expect(one.mailer.sent.length + two.mailer.sent.length).toBe(3)
    expect((await one.app.request('/send', req('key-b'))).status).toBe(200)
  })
})
