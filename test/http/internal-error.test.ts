import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

describe('unexpected errors', () => {
  it('answers 500 internal_error without internals when the mailer throws', async () => {
    const { app, mailer, logs } = testApp()
    const secret = new TypeError('db password=hunter2 at /srv/app/secret.ts:12')
    mailer.failWith(secret)
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ type: 'about:blank', status: 500, code: 'internal_error' })
    expect(text).not.toMatch(/hunter2|secret\.ts|TypeError|stack/)
    expect(logs.at(-1)).toMatchObject({ status: 500, error_code: 'internal_error', error_name: 'TypeError' })
    expect(JSON.stringify(logs)).not.toContain('hunter2')
  })

  it('answers 500 for an error thrown outside the send logic', async () => {
    const { app } = testApp()
    app.get('/boom', () => {
      throw new Error('internal path /etc/secret')
    })
    const res = await app.request('/boom')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text).code).toBe('internal_error')
    expect(text).not.toContain('/etc/secret')
  })

  it('answers 404 not_found as a problem for unknown routes', async () => {
    const { app } = testApp()
    const res = await app.request('/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect((await res.json()).code).toBe('not_found')
  })
})
