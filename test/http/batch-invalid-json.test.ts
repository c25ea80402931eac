import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, testApp } from './fake-mailer.js'

describe('POST /send/batch with a body that is not JSON', () => {
  it.each([
    ['truncated', '[{"to": "bob@example.org", '],
    ['empty', ''],
  ])('answers 400 invalid_json (%s) and sends nothing', async (_, body) => {
    const { app, mailer } = testApp()
    const res = await app.request('/send/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ type: 'about:blank', status: 400, code: 'invalid_json' })
    expect(mailer.sent).toHaveLength(0)
  })
})
