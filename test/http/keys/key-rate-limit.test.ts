import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe("a key's own rate limit", () => {
  const file = { keys: [{ name: 'slow', secret: 'env:SLOW', rate_limit_per_minute: 2 }, { name: 'other', secret: 'env:OTHER' }] }
  const env = { SLOW: 'slow-key', OTHER: 'other-key', RATE_LIMIT_PER_MINUTE: '3' }

  it('replaces RATE_LIMIT_PER_MINUTE for that key, and every other caller keeps the global limit', async () => {
    const { app } = frontendsApp(file, env)
    const statuses = async (key: string, n: number) => {
      const out: number[] = []
      for (let i = 0; i < n; i++) out.push((await app.request('/send', withKey(key, validMail()))).status)
      return out
    }
    expect(await statuses('slow-key', 3)).toEqual([200, 200, 429])
    expect(await statuses('other-key', 4)).toEqual([200, 200, 200, 429])
    const res = await app.request('/send', withKey('slow-key', validMail()))
    expect(res.headers.get('ratelimit-limit')).toBe('2')
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('applies with no global limit at all', async () => {
    const { app } = frontendsApp(file, { SLOW: 'slow-key', OTHER: 'other-key' })
    const codes = []
    for (let i = 0; i < 3; i++) codes.push((await app.request('/send', withKey('slow-key', validMail()))).status)
    expect(codes).toEqual([200, 200, 429])
    for (let i = 0; i < 5; i++) expect((await app.request('/send', withKey('other-key', validMail()))).status).toBe(200)
  })
})
