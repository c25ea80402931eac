import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp } from './fake-mailer.js'

describe('a request with schema and content problems gets every problem in one 422', () => {
  it('reports the missing body together with a bad address and a header-injection subject', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postJson({ from: 'ada@example.com', to: ['bob@example.org', { email: 'bad' }], subject: 'a\r\nBcc: x@y.z' }))
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    const { errors } = (await res.json()) as { errors: { path: string; message: string }[] }
    expect(errors.map((e) => e.path).sort()).toEqual(['subject', 'text', 'to.1.email'])
    expect(mailer.sent).toHaveLength(0)
  })

  it('does not report a missing from that DEFAULT_FROM may supply, nor a field twice', async () => {
    const { app } = testApp({ defaultFrom: 'app@example.com' })
    const res = await app.request('/send', postJson({ to: 'not an address', subject: 5, text: 'x' }))
    expect(res.status).toBe(422)
    const { errors } = (await res.json()) as { errors: { path: string }[] }
    expect(errors.map((e) => e.path).sort()).toEqual(['subject', 'to'])
  })
})
