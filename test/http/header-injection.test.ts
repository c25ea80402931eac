import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

const payloads = ['\r\nBcc: victim@evil.example', '\nBcc: victim@evil.example', '\rX-Injected: 1', 'a\u0000b']

const cases: [string, (p: string) => Record<string, unknown>, string][] = [
  ['subject', (p) => ({ subject: `Hi${p}` }), 'subject'],
  ['from name', (p) => ({ from: { email: 'ada@example.com', name: `Ada${p}` } }), 'from'],
  ['to name (object)', (p) => ({ to: [{ email: 'bob@example.org', name: `Bob${p}` }] }), 'to.0'],
  ['to name (string form)', (p) => ({ to: `Bob${p} <bob@example.org>` }), 'to'],
  ['cc address', (p) => ({ cc: `carol@example.org${p}` }), 'cc'],
  ['bcc address (object)', (p) => ({ bcc: [{ email: `dan@example.org${p}` }] }), 'bcc.0'],
  ['reply_to', (p) => ({ reply_to: `support@example.com${p}` }), 'reply_to'],
  ['custom header value', (p) => ({ headers: { 'X-Campaign': `welcome${p}` } }), 'headers'],
  ['custom header name', (p) => ({ headers: { [`X-Campaign${p}`]: 'welcome' } }), 'headers'],
  ['attachment filename', (p) => ({ attachments: [{ filename: `a${p}.txt`, content: 'aGk=' }] }), 'attachments.0'],
]

describe('header injection', () => {
  describe.each(cases)('CR, LF or NUL in the %s', (_, field, pathPrefix) => {
    it.each(payloads.map((p) => [JSON.stringify(p), p]))('%s gives 422 and the mailer is never called', async (_, p) => {
      const { app, mailer } = testApp()
      const res = await app.request('/send', postJson({ ...validMail(), ...field(p) }))
      expect(res.status).toBe(422)
      const body = await res.json()
      expect(body.code).toBe('validation_error')
      expect(body.errors.length).toBeGreaterThan(0)
      expect(body.errors.some((e: { path: string }) => e.path.startsWith(pathPrefix))).toBe(true)
      expect(mailer.sent).toHaveLength(0)
    })
  })
})
