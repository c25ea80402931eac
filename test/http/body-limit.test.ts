import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, postJsonStream, testApp, validMail } from './fake-mailer.js'

const big = () => ({ ...validMail(), text: 'x'.repeat(2000) })

describe('body limit', () => {
  it('answers 413 payload_too_large when Content-Length is over maxBodyBytes', async () => {
    const { app, mailer } = testApp({ maxBodyBytes: 1000 })
    const body = JSON.stringify(big())
    const res = await app.request('/send', postJson(body, { 'Content-Length': String(body.length) }))
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 413 for a streamed body without Content-Length', async () => {
    const { app, mailer } = testApp({ maxBodyBytes: 1000 })
    const res = await app.request('/send', postJsonStream(big()))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('accepts a body just under the limit', async () => {
    const body = JSON.stringify(validMail())
    const { app } = testApp({ maxBodyBytes: body.length })
    const res = await app.request('/send', postJson(body, { 'Content-Length': String(body.length) }))
    expect(res.status).toBe(200)
  })
})
