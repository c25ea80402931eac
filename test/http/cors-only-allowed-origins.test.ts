import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

const corsOrigins = ['https://app.example.com']

/** The names of the `Access-Control-*` headers of a response. */
const corsHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.toLowerCase().startsWith('access-control-'))

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
})

describe('with CORS_ORIGINS set, only a listed origin gets CORS headers', () => {
  it('gives a preflight from another origin no Access-Control-* header at all', async () => {
    const { app } = testApp({ corsOrigins })
    const res = await app.request('/send', preflight('https://evil.example'))
    expect(corsHeaders(res)).toEqual([])
    // As if CORS were off: there is no OPTIONS route, so the method is not allowed.
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })

  it('gives a request from another origin none', async () => {
    const { app } = testApp({ corsOrigins })
    const res = await app.request('/send', postJson(validMail(), { Origin: 'https://evil.example' }))
    expect(res.status).toBe(200)
    expect(corsHeaders(res)).toEqual([])
  })

  it('gives a request without an Origin none', async () => {
    const { app } = testApp({ corsOrigins })
    for (const res of [await app.request('/send', postJson(validMail())), await app.request('/healthz')]) {
      expect(res.status).toBe(200)
      expect(corsHeaders(res)).toEqual([])
    }
  })

  it('does not take an origin that merely starts like a listed one', async () => {
    const { app } = testApp({ corsOrigins })
    const res = await app.request('/send', preflight('https://app.example.com.evil.example'))
    expect(corsHeaders(res)).toEqual([])
  })

  it('marks every response Vary: Origin, so caches keep the answers for each origin apart', async () => {
    const { app } = testApp({ corsOrigins })
    const answers = [
      await app.request('/healthz'),
      await app.request('/healthz', { headers: { Origin: 'https://evil.example' } }),
      await app.request('/healthz', { headers: { Origin: 'https://app.example.com' } }),
      await app.request('/send', preflight('https://app.example.com')),
    ]
    for (const res of answers) expect(res.headers.get('vary')?.toLowerCase()).toContain('origin')
  })

  it('answers the listed origin\'s preflight with everything it needs', async () => {
    const { app } = testApp({ corsOrigins })
    const res = await app.request('/send', preflight('https://app.example.com'))
    expect(res.status).toBe(204)
    expect(corsHeaders(res).sort()).toEqual([
      'access-control-allow-headers',
      'access-control-allow-methods',
      'access-control-allow-origin',
      'access-control-max-age',
    ])
    expect(res.headers.get('access-control-max-age')).toBe('600')
  })
})
