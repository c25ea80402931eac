import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, testApp } from './fake-mailer.js'

describe('a known path with the wrong method', () => {
  it('GET /send is 405 with Allow: POST, as problem+json', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ status: 405, code: 'method_not_allowed', detail: '/send takes POST, not GET.' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('POST /healthz is 405 with Allow: GET, HEAD; /send/batch and /readyz say so too', async () => {
    const { app } = testApp()
    const health = await app.request('/healthz', { method: 'POST' })
    expect([health.status, health.headers.get('allow')]).toEqual([405, 'GET, HEAD'])
    expect((await app.request('/send/batch', { method: 'PUT' })).headers.get('allow')).toBe('POST')
    expect((await app.request('/readyz', { method: 'DELETE' })).status).toBe(405)
  })

  it('an unknown path is still 404 not_found', async () => {
    const { app } = testApp()
    const res = await app.request('/nope', { method: 'POST' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'not_found' })
  })
})
