import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe('a test key', () => {
  const file = { keys: [{ name: 'sandbox', secret: 'env:SANDBOX', test: true }, { name: 'live', secret: 'env:LIVE' }] }
  const env = { SANDBOX: 'sandbox-key', LIVE: 'live-key' }

  it('answers as a live send would, with test: true and no queue_id, and delivers nothing', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const live = await (await app.request('/send', withKey('live-key', validMail()))).json()
    const res = await app.request('/send', withKey('sandbox-key', { ...validMail(), cc: 'Carol <carol@example.org>' }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(Object.keys(body).sort()).toEqual(['accepted', 'message_id', 'rejected', 'smtp_response', 'test'])
    expect(body).toMatchObject({ test: true, accepted: ['bob@example.org', 'carol@example.org'], rejected: [] })
    expect(body.message_id).toMatch(/^<[^@]+@example\.com>$/)
    expect(Object.keys(live)).toContain('queue_id')
    expect(mailer.sent).toHaveLength(1)
    expect((await simpleParser(Buffer.from(mailer.sent[0]!.raw))).messageId).toBe(live.message_id)
  })

  it('validates exactly as a live key: the same 422', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const bad = { ...validMail(), to: 'not an address' }
    const sandbox = await (await app.request('/send', withKey('sandbox-key', bad))).json()
    const live = await (await app.request('/send', withKey('live-key', bad))).json()
    expect(sandbox).toEqual(live)
    expect(sandbox.code).toBe('validation_error')
    expect(mailer.sent).toHaveLength(0)
  })

  it('marks each /send/batch result', async () => {
    const { app, mailer } = frontendsApp(file, env)
    const { results } = await (await app.request('/send/batch', withKey('sandbox-key', [validMail(), validMail()]))).json()
    expect(results.map((r: { test?: boolean; queue_id?: unknown }) => [r.test, 'queue_id' in r])).toEqual([[true, false], [true, false]])
    expect(mailer.sent).toHaveLength(0)
  })
})
