import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

const APP = 'https://app.example.com'

describe('a browser key (one with origins)', () => {
  const file = {
    keys: [
      { name: 'web', secret: 'env:WEB', origins: [APP], recipients: ['@example.org'] },
      { name: 'server', secret: 'env:SERVER' },
    ],
  }
  const env = { WEB: 'pk_web', SERVER: 'sk_server' }

  it('is answered with CORS for its origins, preflight included', async () => {
    const { app } = frontendsApp(file, env)
    const preflight = await app.request('/send', { method: 'OPTIONS', headers: { Origin: APP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP)
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    const res = await app.request('/send', withKey('pk_web', validMail(), { Origin: APP }))
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(APP)
  })

  it.each([
    ['another origin', { Origin: 'https://evil.example' }, 'This key may not be used from https://evil.example.'],
    ['no Origin', {}, 'This is a browser key: the request needs an Origin header.'],
  ])('refuses %s with 403 origin_not_allowed and sends nothing', async (_, headers: Record<string, string>, detail) => {
    const { app, mailer } = frontendsApp(file, env)
    const res = await app.request('/send', withKey('pk_web', validMail(), headers))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'origin_not_allowed', detail })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(mailer.sent).toHaveLength(0)
  })

  it('does not hold other keys to any origin', async () => {
    const { app } = frontendsApp(file, env)
    expect((await app.request('/send', withKey('sk_server', validMail()))).status).toBe(200)
    expect((await app.request('/send', withKey('sk_server', validMail(), { Origin: 'https://other.example' }))).status).toBe(200)
  })
})
