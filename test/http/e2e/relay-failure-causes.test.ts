import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient } from '../../../src/smtp/index.js'
import type { Mailer, SmtpConnectionOptions } from '../../../src/smtp/types.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../../helpers/fake-smtp.js'
import { relayClientOptions, startTestRelay, type TestRelay } from './relay.js'
import { startService, type Service } from './service.js'

const mail = { from: 'ada@example.com', to: ['bob@example.org'], subject: 'Hi', text: 'body' }

let relay: TestRelay
let plain: FakeServer
beforeAll(async () => {
  relay = await startTestRelay()
  plain = await startFakeSmtp((s) => void serveHappy(s)) // offers no STARTTLS
})
afterAll(async () => {
  await relay.stop()
  await plain.stop()
})

const opened: { service: Service; mailer: Mailer }[] = []
afterEach(async () => {
  for (const { service, mailer } of opened.splice(0)) {
    await service.close()
    await mailer.close()
  }
})

/** Sends one message through a relay misconfigured as `overrides` say; returns the problem and the request's log line. */
async function failure(overrides: Partial<SmtpConnectionOptions>) {
  const mailer = createSmtpClient(relayClientOptions(relay, { timeouts: { connect: 3000, command: 3000, data: 3000 }, ...overrides }))
  const service = await startService({ mailer })
  opened.push({ service, mailer })
  const res = await service.send(mail)
  const body = await res.json()
  expect(res.status).toBe(502)
  expect(body.code).toBe('relay_unavailable')
  const line = service.logs.find((l) => l.path === '/send')
  expect(line?.error_detail).toBe(body.detail)
  return body as { detail: string; smtp: { code: number | null } }
}

/** A misconfigured relay answers 502 with a detail (and a log line) that names the cause a person can act on. */
describe('relay failures name their cause', () => {
  it('an untrusted certificate: the OpenSSL code and SMTP_TLS_CA_FILE', async () => {
    const { detail } = await failure({ ca: undefined })
    expect(detail).toBe("The relay's certificate was rejected: DEPTH_ZERO_SELF_SIGNED_CERT; set SMTP_TLS_CA_FILE to the CA that signed it.")
  })

  it('implicit TLS against a port that speaks clear text: is SMTP_TLS right?', async () => {
    const { detail } = await failure({ tls: 'implicit' })
    expect(detail).toMatch(/^The relay answered in clear text on an implicit-TLS port: is SMTP_TLS right/)
  })

  it('STARTTLS required but not offered: no clear-text fallback', async () => {
    const { detail } = await failure({ port: plain.port, auth: undefined })
    expect(detail).toBe('The relay does not offer STARTTLS, which SMTP_TLS=starttls requires; mailbridge never falls back to clear text.')
  })

  it('a relay that wants AUTH when none is configured: 530 to MAIL is the relay setting, not the caller\'s request', async () => {
    const before = relay.received.length
    const { detail, smtp } = await failure({ auth: undefined })
    expect(smtp.code).toBe(530)
    expect(detail).toMatch(/^The relay wants authentication or other credentials \(it answered MAIL with 530 .*\): check SMTP_USER, SMTP_PASS and SMTP_TLS\.$/)
    expect(relay.received).toHaveLength(before)
  })

  it("refused credentials: the relay's AUTH reply, never the password", async () => {
    const { detail, smtp } = await failure({ auth: { user: 'relay-user', pass: 'not-the-password' } })
    expect(smtp.code).toBe(535)
    expect(detail).toMatch(/it answered AUTH with 535 /)
    expect(detail).not.toContain('not-the-password')
  })
})
