import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { RELAY_PASS, RELAY_USER, startTestRelay } from '../../http/e2e/relay.js'
import { useStarted } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'

const CA_FILE = fileURLToPath(new URL('../../fixtures/tls/cert.pem', import.meta.url))
const API_KEY = 'configured-relay-key'

/**
 * The production wiring, not a hand-built mailer: the environment
 * (SMTP_USER, SMTP_PASS, SMTP_TLS_CA_FILE, …) → loadNodeConfig → startServer
 * (pool, retries, metrics) → a real smtp-server that requires STARTTLS and AUTH.
 */
describe('startServer with SMTP_HOST set: a STARTTLS + AUTH relay from the environment', () => {
  const started = useStarted(startTestRelay, (r) => r.stop())
  const app = useServer(() =>
    loadNodeConfig({
      PORT: '0',
      API_KEYS: API_KEY,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(started().port),
      SMTP_TLS: 'starttls',
      SMTP_USER: RELAY_USER,
      SMTP_PASS: RELAY_PASS,
      SMTP_TLS_CA_FILE: CA_FILE,
      SMTP_EHLO_NAME: 'mailbridge.test',
    }),
  )

  it('authenticates over TLS, delivers the message, and answers with the queue id the relay announced', async () => {
    const relay = started()
    const server = app.server()
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
    expect(app.log).toContainEqual(expect.objectContaining({ path: '/send', status: 200, queue_id: got.queueId }))
  })
})
