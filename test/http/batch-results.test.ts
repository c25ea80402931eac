import { describe, expect, it } from 'vitest'
import { testApp } from './fake-mailer.js'

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  from: 'ada@example.com',
  to: `user${n}@example.org`,
  subject: `message ${n}`,
  text: 'hello',
  ...extra,
})

const post = (app: ReturnType<typeof testApp>['app'], body: unknown, headers: Record<string, string> = {}) =>
  app.request('/send/batch', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('POST /send/batch: one result per item, in order', () => {
  it('answers 200 with the /send body for valid items and the problem for invalid ones', async () => {
    const { app, mailer } = testApp()
    const items = [
      item(0),
      { from: 'ada@example.com', to: 'user1@example.org', text: 'no subject' },
      item(2, { to: 'not an address' }),
      item(3, { headers: { 'Content-Type': 'text/evil' } }),
      item(4),
    ]
    const res = await post(app, items)
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: Array<Record<string, unknown>> }
    expect(results).toHaveLength(5)
    expect(results[0]).toMatchObject({ queue_id: 'QID123', accepted: ['user0@example.org'], rejected: [] })
    expect(results[0]!.message_id).toMatch(/^<.+@.+>$/)
    expect(results[1]).toMatchObject({ status: 422, code: 'validation_error', errors: [{ path: 'subject' }] })
    expect(results[2]).toMatchObject({ status: 422, code: 'validation_error' })
    expect((results[2]!.errors as Array<{ path: string }>)[0]!.path).toMatch(/^to/)
    expect(results[3]).toMatchObject({ status: 422, code: 'validation_error' })
    expect(results[4]).toMatchObject({ accepted: ['user4@example.org'] })
    expect(mailer.sent.map((m) => m.envelope.to[0]).sort()).toEqual(['user0@example.org', 'user4@example.org'])
  })

  it('reports every problem of an invalid item, content problems included, exactly as /send does', async () => {
    const { app, mailer } = testApp()
    const bad = { from: 'ada@example.com', to: ['bob@example.org', { email: 'bad' }], subject: 'a\r\nBcc: x@y.z' }
    const single = (await (await app.request('/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) })).json()) as {
      errors: unknown[]
    }
    const res = await post(app, [bad, item(1)])
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: Array<{ errors?: { path: string }[] }> }
    expect(results[0]!.errors!.map((e) => e.path).sort()).toEqual(['subject', 'text', 'to.1.email'])
    expect(results[0]).toMatchObject({ status: 422, code: 'validation_error', errors: single.errors })
    expect(mailer.sent.map((m) => m.envelope.to[0])).toEqual(['user1@example.org'])
  })

  it('gives a relay failure to the item it belongs to', async () => {
    const { app, mailer } = testApp()
    const { SmtpError } = await import('../../src/smtp/errors.js')
    mailer.failWith(new SmtpError('EBUSY', 'Relay busy'))
    const res = await post(app, [item(0), item(1)])
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: Array<Record<string, unknown>> }
    expect(results.map((r) => r.code)).toEqual(['relay_busy', 'relay_busy'])
    expect(results[0]!.status).toBe(503)
  })

  it.each([
    ['an empty array', []],
    ['more than 100 items', Array.from({ length: 101 }, (_, i) => item(i))],
    ['an object instead of an array', item(0)],
  ])('rejects %s as a whole with 422', async (_name, body) => {
    const { app, mailer } = testApp()
    const res = await post(app, body)
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await res.json()).toMatchObject({ code: 'validation_error' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('accepts exactly 100 items', async () => {
    const { app, mailer } = testApp()
    const res = await post(app, Array.from({ length: 100 }, (_, i) => item(i)))
    expect(res.status).toBe(200)
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(100)
    expect(mailer.sent).toHaveLength(100)
  })

  it('runs the /send guards: API key and JSON content type', async () => {
    const { app, mailer } = testApp({ apiKeys: ['k1'] })
    expect((await post(app, [item(0)])).status).toBe(401)
    expect((await post(app, [item(0)], { authorization: 'Bearer k1' })).status).toBe(200)
    const notJson = await app.request('/send/batch', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: 'Bearer k1' },
      body: JSON.stringify([item(0)]),
    })
    expect(notJson.status).toBe(415)
    expect(mailer.sent).toHaveLength(1)
  })

  it('applies MAX_BODY_BYTES to the whole batch: 413 before any item is sent', async () => {
    const { app, mailer } = testApp({ maxBodyBytes: 2000 })
    const res = await post(app, Array.from({ length: 40 }, (_, i) => item(i))) // about 3,600 bytes
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('is in the OpenAPI document', async () => {
    const { app } = testApp()
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, { post?: { operationId?: string } }> }
    expect(doc.paths['/send/batch']?.post?.operationId).toBe('sendBatch')
  })
})
