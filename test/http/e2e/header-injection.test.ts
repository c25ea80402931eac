import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient } from '../../../src/smtp/index.js'
import type { Mailer } from '../../../src/smtp/types.js'
import { relayClientOptions, startTestRelay, type TestRelay } from './relay.js'
import { startService, type Service } from './service.js'

const base = { from: 'ada@example.com', to: 'bob@example.org', subject: 'Hi', text: 'body' }
const inject = '\r\nBcc: victim@evil.example'

const attempts: [string, Record<string, unknown>][] = [
  ['subject', { subject: `Hi${inject}` }],
  ['from name', { from: { email: 'ada@example.com', name: `Ada${inject}` } }],
  ['to name in the string form', { to: `Bob${inject} <bob@example.org>` }],
  ['cc address', { cc: `carol@example.org${inject}` }],
  ['bcc address', { bcc: `x@example.org>\r\nRCPT TO:<victim@evil.example` }],
  ['custom header value', { headers: { 'X-Campaign': `welcome${inject}` } }],
  ['custom header name', { headers: { [`X-Campaign${inject}`]: 'welcome' } }],
  ['structural custom header', { headers: { Bcc: 'victim@evil.example' } }],
]

describe('header injection over real sockets', () => {
  let relay: TestRelay
  let mailer: Mailer
  let service: Service
  beforeAll(async () => {
    relay = await startTestRelay()
    mailer = createSmtpClient(relayClientOptions(relay))
    service = await startService({ mailer })
  })
  afterAll(async () => {
    await service.close()
    await mailer.close()
    await relay.stop()
  })

  it.each(attempts)('CR/LF in the %s → 422, and the relay receives nothing', async (_, fields) => {
    const res = await service.send({ ...base, ...fields })
    expect(res.status).toBe(422)
    expect((await res.json()).code).toBe('validation_error')
    expect(relay.received).toHaveLength(0)
    expect(relay.authenticated).toBe(0)
  })

  it('still delivers a clean request afterwards (the relay works)', async () => {
    const res = await service.send(base)
    expect(res.status).toBe(200)
    expect(relay.received).toHaveLength(1)
  })
})
