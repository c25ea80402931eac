import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeMailer } from '../fake-mailer.js'
import { rawPost, startService, type Service } from './service.js'

describe('body limit over a real socket', () => {
  let service: Service
  const mailer = fakeMailer()
  beforeAll(async () => {
    service = await startService({ mailer, maxBodyBytes: 64 * 1024 })
  })
  afterAll(async () => {
    await service.close()
  })

  it('answers 413 from Content-Length alone, before the body is sent', async () => {
    const declared = 50 * 1024 * 1024
    // Only the first kilobyte of the declared 50 MB is ever written.
    const res = await rawPost(service.url, '/send', { 'Content-Type': 'application/json', 'Content-Length': declared }, (req) =>
      req.write('{"subject": "' + 'x'.repeat(1024)),
    )
    expect(res.status).toBe(413)
    expect(res.type).toBe('application/problem+json')
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('answers 413 for a chunked body once it passes the limit', async () => {
    const big = JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x'.repeat(100 * 1024) })
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big))
        c.close()
      },
    })
    const res = await fetch(`${service.url}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect((await res.json()).code).toBe('payload_too_large')
    expect(mailer.sent).toHaveLength(0)
  })
})
