import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp } from './fake-mailer.js'

describe('malformed JSON', () => {
  it.each([
    ['truncated', '{"to": "bob@example.org", '],
    ['not JSON at all', 'hello'],
    ['empty', ''],
    ['trailing garbage', '{"subject": "x"} }'],
  ])('answers 400 invalid_json for a %s body', async (_, body) => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postJson(body))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ type: 'about:blank', status: 400, code: 'invalid_json', title: 'Invalid JSON' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 422, not 400, for valid JSON that is not an object', async () => {
    const { app } = testApp()
    const res = await app.request('/send', postJson('[1, 2]'))
    expect(res.status).toBe(422)
    expect((await res.json()).code).toBe('validation_error')
  })
})
