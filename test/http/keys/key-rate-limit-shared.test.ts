import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { useRedis } from '../../helpers/redis.js'
import { validMail } from '../fake-mailer.js'

describe("a key's own rate limit, shared through Redis by two instances", () => {
  const server = useRedis()
  const file = { keys: [{ name: 'slow', secret: 'env:SLOW', rate_limit_per_minute: 3 }] }
  const instance = () => frontendsApp(file, { SLOW: 'slow-key' }, { rateLimiterFor: server.stores().rateLimiterFor })

  it('counts the key across both instances', async () => {
    const [one, two] = [instance(), instance()]
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await (i % 2 ? one : two).app.request('/send', withKey('slow-key', validMail()))).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(one.mailer.sent.length + two.mailer.sent.length).toBe(3)
  })
})
