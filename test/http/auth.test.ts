import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

describe('bearer authentication', () => {
  const keys = ['first-key', 'second-key-is-longer']

  it.each([
    ['missing', {}],
    ['wrong', { Authorization: 'Bearer nope' }],
    ['a prefix of a key', { Authorization: 'Bearer first' }],
    ['a key with a suffix', { Authorization: 'Bearer first-key2' }],
    ['another scheme', { Authorization: 'Basic Zmlyc3Qta2V5' }],
    ['an empty token', { Authorization: 'Bearer ' }],
  ])('answers 401 with WWW-Authenticate when the key is %s', async (_, headers: Record<string, string>) => {
    const { app, mailer } = testApp({ apiKeys: keys })
    const res = await app.request('/send', postJson(validMail(), headers))
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/)
    // RFC 6750 §3: no credentials get the bare challenge; a bad token also gets error="invalid_token".
    const presented = /^Bearer\s+\S/i.test(headers.Authorization ?? '')
    expect(res.headers.get('www-authenticate')).toBe(
      presented ? 'Bearer realm="mailbridge", error="invalid_token"' : 'Bearer realm="mailbridge"',
    )
    const body = await res.json()
    expect(body).toMatchObject({ type: 'about:blank', status: 401, code: 'unauthorized', title: 'Unauthorized' })
    expect(JSON.stringify(body)).not.toContain('first-key')
    expect(mailer.sent).toHaveLength(0)
  })

  it.each(keys)('accepts each configured key (%s)', async (key) => {
    const { app, mailer } = testApp({ apiKeys: keys })
    const res = await app.request('/send', postJson(validMail(), { Authorization: `Bearer ${key}` }))
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
  })

  it('takes the scheme case-insensitively', async () => {
    const { app } = testApp({ apiKeys: keys })
    const res = await app.request('/send', postJson(validMail(), { Authorization: 'bearer first-key' }))
    expect(res.status).toBe(200)
  })

  it('checks the key before the content type and the body', async () => {
    const { app } = testApp({ apiKeys: keys })
    const res = await app.request('/send', { method: 'POST', body: 'not json', headers: { 'Content-Type': 'text/plain' } })
    expect(res.status).toBe(401)
  })

  it('requires no key when none is configured', async () => {
    const { app } = testApp()
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(200)
  })

  it('guards only POST /send: another method there is a plain 405, with or without a key', async () => {
    const { app } = testApp({ apiKeys: keys })
    const res = await app.request('/send')
    expect(res.status).toBe(405)
    expect((await res.json()).code).toBe('method_not_allowed')
  })

  it('leaves /healthz and /openapi.json open', async () => {
    const { app } = testApp({ apiKeys: keys })
    expect((await app.request('/healthz')).status).toBe(200)
    expect((await app.request('/openapi.json')).status).toBe(200)
  })
})
