import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, type SmtpTraceEvent } from '../../src/smtp/index.js'
import { relayClientOptions, startTestRelay, RELAY_PASS, RELAY_USER, type TestRelay } from '../http/e2e/relay.js'

let relay: TestRelay
beforeAll(async () => {
  relay = await startTestRelay()
})
afterAll(async () => {
  await relay.stop()
})

const raw = 'From: a@example.com\r\nTo: b@example.org\r\nSubject: secret plans\r\n\r\nThe body nobody may log\r\n'

describe('the SMTP trace', () => {
  it('reports every command and reply line of a STARTTLS + AUTH session, without credentials or content', async () => {
    const events: SmtpTraceEvent[] = []
    for (const method of ['PLAIN', 'LOGIN'] as const) {
      const client = createSmtpClient(relayClientOptions(relay, { auth: { user: RELAY_USER, pass: RELAY_PASS, method }, trace: (e) => events.push(e) }))
      await client.send({ envelope: { from: 'a@example.com', to: ['b@example.org'] }, raw })
      await client.close()
    }
    const lines = events.map((e) => `${e.dir} ${e.line}`)
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^in 220 /),
        'out EHLO mailbridge.test',
        'out STARTTLS',
        'tls TLS established',
        'out AUTH PLAIN [credentials not logged]',
        'out AUTH LOGIN',
        'out [credentials not logged]',
        expect.stringMatching(/^in 235 /),
        'out MAIL FROM:<a@example.com>',
        'out RCPT TO:<b@example.org>',
        'out DATA',
        expect.stringMatching(/^in 354 /),
        expect.stringMatching(/^out \[message content: \d+ bytes\]$/),
        expect.stringMatching(/^in 250 .*queued as /),
        'out QUIT',
      ]),
    )
    const all = JSON.stringify(events)
    for (const secret of [RELAY_USER, RELAY_PASS, Buffer.from(`\0${RELAY_USER}\0${RELAY_PASS}`).toString('base64'), Buffer.from(RELAY_USER).toString('base64'), 'secret plans', 'nobody may log']) {
      expect(all).not.toContain(secret)
    }
    expect(new Set(events.map((e) => e.connection)).size).toBe(2)
  })
})
