import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { HMAC_SECRET, hookEnv, hookFile, post } from './hook-config.js'

const body = JSON.stringify({ data: { id: 'x1', amount: '3' } })
const mac = (encoding: 'hex' | 'base64', secret = HMAC_SECRET) => createHmac('sha256', secret).update(body).digest(encoding)

describe('a generic HMAC-SHA256 hook', () => {
  it('checks the configured header, prefix and encoding (base64 here)', async () => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    expect((await app.request('/hooks/generic', post(body, { 'X-Signature': `v1=${mac('base64')}` }))).status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('checks hex the same way', async () => {
    const hex = { verify: { scheme: 'hmac-sha256', secret: 'env:HMAC_SECRET', header: 'X-Sig', encoding: 'hex' }, to: ['ops@example.com'], from: 'ops@example.com', template: 'invoice' }
    const { app } = frontendsApp(hookFile({ hex }), hookEnv)
    expect((await app.request('/hooks/hex', post(body, { 'X-Sig': mac('hex') }))).status).toBe(200)
    expect((await app.request('/hooks/hex', post(body, { 'X-Sig': mac('hex', 'wrong') }))).status).toBe(401)
  })

  it.each([
    ['without the prefix', { 'X-Signature': mac('base64') }],
    ['in the wrong encoding', { 'X-Signature': `v1=${mac('hex')}` }],
    ['under another secret', { 'X-Signature': `v1=${mac('base64', 'other')}` }],
    ['missing', {}],
  ])('refuses a signature %s (401) and sends nothing', async (_, headers: Record<string, string>) => {
    const { app, mailer } = frontendsApp(hookFile(), hookEnv)
    const res = await app.request('/hooks/generic', post(body, headers))
    expect(res.status).toBe(401)
    expect((await res.json()).code).toBe('invalid_signature')
    expect(mailer.sent).toHaveLength(0)
  })
})
