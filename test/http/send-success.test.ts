import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail, rawText } from './fake-mailer.js'

const decode = rawText

describe('POST /send success', () => {
  it('answers 200 with message id, queue id, accepted, rejected and the relay reply', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await res.json()
    expect(body).toEqual({
      message_id: expect.stringMatching(/^<[^<>@\s]+@[^<>\s]+>$/),
      queue_id: 'QID123',
      accepted: ['bob@example.org'],
      rejected: [],
      smtp_response: '250 2.0.0 Ok: queued as QID123',
    })
    expect(mailer.sent).toHaveLength(1)
    const raw = decode(mailer.sent[0]!.raw)
    expect(raw).toContain(`Message-ID: ${body.message_id}`)
  })

  it('puts every to, cc and bcc recipient in the envelope, all address forms', async () => {
    const { app, mailer } = testApp()
    const res = await app.request(
      '/send',
      postJson({
        from: { email: 'ada@example.com', name: 'Ada' },
        to: ['bob@example.org', { email: 'eve@example.net', name: 'Eve Ä' }],
        cc: 'Carol <carol@example.org>',
        bcc: ['dan@example.org'],
        reply_to: 'support@example.com',
        subject: '',
        html: '<p>hi</p>',
      }),
    )
    expect(res.status).toBe(200)
    const msg = mailer.sent[0]!
    expect(msg.envelope.from).toBe('ada@example.com')
    expect([...msg.envelope.to].sort()).toEqual(
      ['bob@example.org', 'carol@example.org', 'dan@example.org', 'eve@example.net'].sort(),
    )
    const raw = decode(msg.raw)
    expect(raw).not.toMatch(/dan@example\.org/)
    expect(raw).toMatch(/^Reply-To: .*support@example\.com/m)
  })

  it('uses DEFAULT_FROM when the request has no from', async () => {
    const { app, mailer } = testApp({ defaultFrom: 'App <app@example.com>' })
    const { from: _omit, ...rest } = validMail()
    const res = await app.request('/send', postJson(rest))
    expect(res.status).toBe(200)
    expect(mailer.sent[0]!.envelope.from).toBe('app@example.com')
  })

  it('returns queue_id null when the relay names none', async () => {
    const { fakeMailer } = await import('./fake-mailer.js')
    const { createTestApp } = await import('../helpers/app.js')
    const app = createTestApp({ mailer: fakeMailer(null), log: () => {} })
    const res = await app.request('/send', postJson(validMail()))
    expect(res.status).toBe(200)
    expect((await res.json()).queue_id).toBeNull()
  })

  it('accepts a charset parameter on the JSON content type', async () => {
    const { app } = testApp()
    const res = await app.request('/send', postJson(validMail(), { 'Content-Type': 'application/json; charset=utf-8' }))
    expect(res.status).toBe(200)
  })
})
