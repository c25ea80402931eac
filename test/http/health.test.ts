import { describe, expect, it } from 'vitest'
import { testApp } from './fake-mailer.js'

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"}', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(mailer.sent).toHaveLength(0)
  })
})
