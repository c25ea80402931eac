import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import type { Mailer, SendResult } from '../../src/smtp/types.js'
import { fakeMailer, postJson, testApp, validMail } from './fake-mailer.js'

/** A mailer whose sends wait until `release()` is called. */
function heldMailer(): Mailer & { calls: number; started: Promise<void>; release(): void } {
  const inner = fakeMailer('HELD1')
  let release!: () => void
  let started!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const startedP = new Promise<void>((r) => (started = r))
  const m = {
    calls: 0,
    started: startedP,
    release,
    async send(...args: Parameters<Mailer['send']>): Promise<SendResult> {
      m.calls++
      started()
      await gate
      return inner.send(...args)
    },
    close: () => inner.close(),
  }
  return m
}

describe('POST /send with Idempotency-Key (real app, fake mailer)', () => {
  it('sends once and replays the same response with Idempotent-Replayed: true', async () => {
    const { app, mailer } = testApp()
    const first = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'welcome-42' }))
    expect(first.status).toBe(200)
    const firstBody = await first.json()
    const again = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'welcome-42' }))
    expect(again.status).toBe(200)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await again.json()).toEqual(firstBody)
    expect(mailer.sent).toHaveLength(1)
  })

  it('answers 409 idempotency_key_reused when the body differs', async () => {
    const { app, mailer } = testApp()
    await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k' }))
    const res = await app.request('/send', postJson({ ...validMail(), subject: 'Other' }, { 'Idempotency-Key': 'k' }))
    expect(res.status).toBe(409)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 409, code: 'idempotency_key_reused', title: 'Idempotency key reused' })
    expect(mailer.sent).toHaveLength(1)
  })

  it('answers 409 idempotency_in_progress while the first send is still with the relay', async () => {
    const mailer = heldMailer()
    const { app } = testApp({ mailer })
    const first = app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'slow' }))
    await mailer.started
    const during = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'slow' }))
    expect(during.status).toBe(409)
    expect(await during.json()).toMatchObject({ code: 'idempotency_in_progress' })
    mailer.release()
    expect((await first).status).toBe(200)
    const after = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'slow' }))
    expect(after.headers.get('Idempotent-Replayed')).toBe('true')
    expect(mailer.calls).toBe(1)
  })

  it('does not store a failed send: the retry sends, and then it is replayed', async () => {
    const { app, mailer } = testApp()
    mailer.failWith(new SmtpError('ECONNECT', 'connection refused', { command: 'CONNECT' }))
    const failed = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'retry-me' }))
    expect(failed.status).toBe(502)
    mailer.failWith(new SmtpError('EUNKNOWN_OUTCOME', 'connection lost after the final dot', { command: 'MESSAGE' }))
    const unknown = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'retry-me' }))
    expect(await unknown.json()).toMatchObject({ code: 'delivery_unknown' })
    mailer.failWith(undefined)
    const ok = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'retry-me' }))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Idempotent-Replayed')).toBeNull()
    const replay = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'retry-me' }))
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(mailer.sent).toHaveLength(1)
  })

  it('does not store a validation error', async () => {
    const { app, mailer } = testApp()
    const bad = await app.request('/send', postJson({ ...validMail(), to: 'not an address' }, { 'Idempotency-Key': 'v' }))
    expect(bad.status).toBe(422)
    const again = await app.request('/send', postJson({ ...validMail(), to: 'not an address' }, { 'Idempotency-Key': 'v' }))
    expect(again.headers.get('Idempotent-Replayed')).toBeNull()
    expect(mailer.sent).toHaveLength(0)
  })

  it('scopes keys to the API key', async () => {
    const { app, mailer } = testApp({ apiKeys: ['key-a', 'key-b'] })
    const as = (key: string) => postJson(validMail(), { 'Idempotency-Key': 'same', Authorization: `Bearer ${key}` })
    await app.request('/send', as('key-a'))
    const b = await app.request('/send', as('key-b'))
    expect(b.headers.get('Idempotent-Replayed')).toBeNull()
    expect((await app.request('/send', as('key-a'))).headers.get('Idempotent-Replayed')).toBe('true')
    expect(mailer.sent).toHaveLength(2)
  })

  it('checks the API key before the Idempotency-Key: no replay without a valid key', async () => {
    const { app } = testApp({ apiKeys: ['key-a'] })
    await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k', Authorization: 'Bearer key-a' }))
    const res = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k', Authorization: 'Bearer wrong' }))
    expect(res.status).toBe(401)
  })

  it('answers 422 validation_error for an invalid key and logs its code', async () => {
    const { app, mailer, logs } = testApp()
    const res = await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'x'.repeat(257) }))
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ code: 'validation_error', errors: [{ path: 'headers.idempotency-key' }] })
    expect(logs.at(-1)?.error_code).toBe('validation_error')
    expect(mailer.sent).toHaveLength(0)
  })
})
