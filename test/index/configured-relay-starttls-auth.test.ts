import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadNodeConfig, startServer, type LogLine, type RunningServer } from '../../src/server.js'
import { RELAY_PASS, RELAY_USER, startTestRelay, type TestRelay } from '../app/relay.js'

const CA_FILE = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url))
const API_KEY = 'configured-relay-key'

/**
 * The production wiring, not a hand-built mailer: the environment of DESIGN.md
 * §2 (SMTP_USER, SMTP_PASS, SMTP_TLS_CA_FILE, …) → loadNodeConfig → startServer
 * (pool, retries, metrics) → a real smtp-server that requires STARTTLS and AUTH.
 */
describe('startServer with SMTP_HOST set: a STARTTLS + AUTH relay from the environment', () => {
  let relay: TestRelay
  let server: RunningServer
  const logs: LogLine[] = []

  beforeAll(async () => {
    relay = await startTestRelay()
    const config = loadNodeConfig({
      PORT: '0',
      API_KEYS: API_KEY,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
      SMTP_TLS: 'starttls',
      SMTP_USER: RELAY_USER,
      SMTP_PASS: RELAY_PASS,
      SMTP_TLS_CA_FILE: CA_FILE,
      SMTP_EHLO_NAME: 'mailbridge.test',
    })
    server = await startServer(config, { log: (l) => logs.push(l) })
  })
  afterAll(async () => {
    await server?.close()
    await relay?.stop()
  })

  it('authenticates over TLS, delivers the message, and answers with the queue id the relay announced', async () => {
    const res = await fetch(`${server.url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ from: 'Ada <ada@example.com>', to: 'bob@example.org', bcc: 'hidden@example.net', subject: 'Configured', text: 'hello' }),
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(relay.authenticated).toBeGreaterThan(0)
    expect(relay.received).toHaveLength(1)
    const got = relay.received[0]!
    expect(body.queue_id).toBe(got.queueId)
    expect(got.from).toBe('ada@example.com')
    expect(got.to.sort()).toEqual(['bob@example.org', 'hidden@example.net'])
    const parsed = await simpleParser(got.raw)
    expect(parsed.messageId).toBe(body.message_id)
    expect(parsed.subject).toBe('Configured')
    expect(parsed.bcc).toBeUndefined()
    expect(logs).toContainEqual(expect.objectContaining({ path: '/send', status: 200, queue_id: got.queueId }))
  })
})
