import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'content-type, authorization',
  },
})

describe('CORS', () => {
  const corsOrigins = ['https://app.example.com', 'http://localhost:5173']

  it('answers a preflight from an allowed origin, without requiring the key', async () => {
    const { app } = testApp({ corsOrigins, apiKeys: ['k'] })
    const res = await app.request('/send', preflight('https://app.example.com'))
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
    // Browsers may send Idempotency-Key, so the preflight must allow it.
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
  })

  it('gives no allow-origin to another origin, preflight or not', async () => {
    const { app } = testApp({ corsOrigins })
    const pre = await app.request('/send', preflight('https://evil.example'))
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const res = await app.request('/send', postJson(validMail(), { Origin: 'https://evil.example' }))
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('adds allow-origin and exposes Retry-After on actual requests from an allowed origin', async () => {
    const { app } = testApp({ corsOrigins })
    const res = await app.request('/send', postJson(validMail(), { Origin: 'http://localhost:5173' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After')
    const exposed = res.headers.get('access-control-expose-headers')!.toLowerCase().split(/\s*,\s*/)
    expect(exposed).toEqual(
      expect.arrayContaining(['idempotent-replayed', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-request-id']),
    )
  })

  it('adds allow-origin to error responses too, so browsers can read them', async () => {
    const { app } = testApp({ corsOrigins, apiKeys: ['k'] })
    const res = await app.request('/send', postJson(validMail(), { Origin: 'http://localhost:5173' }))
    expect(res.status).toBe(401)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('sends no CORS headers at all when no origins are configured', async () => {
    const { app } = testApp()
    const pre = await app.request('/send', preflight('https://app.example.com'))
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    expect(pre.headers.get('access-control-allow-methods')).toBeNull()
    const res = await app.request('/send', postJson(validMail(), { Origin: 'https://app.example.com' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
