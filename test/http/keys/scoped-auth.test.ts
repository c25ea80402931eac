import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

const BACKEND = 'backend-secret-value'
const HASHED = 'hashed-secret-value'
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('keys of the configuration file', () => {
  const file = { keys: [{ name: 'backend', secret: 'env:BACKEND_KEY' }, { name: 'ops', secret: `sha256:${sha256(HASHED)}` }] }
  const env = { BACKEND_KEY: BACKEND, API_KEYS: 'legacy-key' }

  it('accepts a key read from a variable, one given as its SHA-256, and API_KEYS beside them', async () => {
    const { app, mailer } = frontendsApp(file, env)
    for (const key of [BACKEND, HASHED, 'legacy-key']) expect((await app.request('/send', withKey(key, validMail()))).status).toBe(200)
    expect(mailer.sent).toHaveLength(3)
  })

  it('refuses anything else with 401, and a digest is not a key', async () => {
    const { app, mailer } = frontendsApp(file, env)
    for (const key of ['nope', sha256(HASHED), `${BACKEND}x`]) {
      const res = await app.request('/send', withKey(key, validMail()))
      expect(res.status).toBe(401)
      expect((await res.json()).code).toBe('unauthorized')
    }
    expect(mailer.sent).toHaveLength(0)
  })

  it("logs the key's name, never its secret; an API_KEYS key has no name to log", async () => {
    const { app, logs } = frontendsApp(file, env)
    await app.request('/send', withKey(BACKEND, validMail()))
    await app.request('/send', withKey('legacy-key', validMail()))
    await app.request('/send', withKey('wrong', validMail()))
    expect(logs.map((l) => l.key)).toEqual(['backend', undefined, undefined])
    const text = JSON.stringify(logs)
    for (const secret of [BACKEND, 'legacy-key', 'wrong']) expect(text).not.toContain(secret)
  })
})
