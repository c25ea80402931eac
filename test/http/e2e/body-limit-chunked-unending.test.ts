import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeMailer } from '../fake-mailer.js'
import { rawPost, startService, type Service } from './service.js'

describe('body limit for a chunked body with no Content-Length, over a real socket', () => {
  let service: Service
  const mailer = fakeMailer()
  const limit = 16 * 1024
  beforeAll(async () => {
    service = await startService({ mailer, maxBodyBytes: limit })
  })
  afterAll(async () => {
    await service.close()
  })

  it('answers 413 once the limit is passed, without waiting for the rest of a body that never ends', async () => {
    // No Content-Length: node sends Transfer-Encoding: chunked. Twice the limit
    // in 1 KiB chunks, and then the body is never ended: a server that reads to
    // the end before answering would hang here.
    const res = await rawPost(service.url, '/send', { 'Content-Type': 'application/json' }, (req) => {
      req.write('{"subject": "')
      for (let i = 0; i < (2 * limit) / 1024; i++) req.write('x'.repeat(1024))
    })
    expect(res.status).toBe(413)
    expect(res.type).toBe('application/problem+json')
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(mailer.sent).toHaveLength(0)
  })
})
