import { describe, expect, it } from 'vitest'
import type { ReadyState } from '../../src/smtp/probe.js'
import { PROBLEM_JSON, testApp } from './fake-mailer.js'

describe('GET /readyz', () => {
  it('answers 200 {"status":"ready"} when the relay answered recently', async () => {
    const { app } = testApp({ readiness: async () => ({ ready: true, checkedAt: Date.now() }) })
    const res = await app.request('/readyz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ready' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 503 problem+json with the reason when it did not', async () => {
    const state: ReadyState = { ready: false, reason: 'relay: ECONNECT: cannot connect to SMTP relay 127.0.0.1:2525: ECONNREFUSED', checkedAt: 0 }
    const { app, logs } = testApp({ readiness: async () => state })
    const res = await app.request('/readyz')
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toMatchObject({
      status: 503,
      title: 'Not ready',
      code: 'relay_unavailable',
      detail: expect.stringContaining('ECONNREFUSED'),
    })
    expect(logs.at(-1)).toMatchObject({ path: '/readyz', status: 503, error_code: 'relay_unavailable' })
  })

  it('answers 503 when the readiness check itself throws', async () => {
    const { app } = testApp({
      readiness: async () => {
        throw new Error('probe crashed')
      },
    })
    const res = await app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ detail: 'Not ready: probe crashed' })
  })

  it('is ready when the app was given nothing to check, and is in the OpenAPI document', async () => {
    const { app } = testApp()
    expect((await app.request('/readyz')).status).toBe(200)
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> }
    expect(Object.keys(doc.paths['/readyz']!.get!.responses)).toEqual(['200', '408', '431', '503'])
  })
})
