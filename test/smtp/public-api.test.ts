import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeSocket } from '../../src/runtime/node/socket.js'
import { createSmtpPool, withFallback, withRetries, type SmtpConnectionOptions } from '../../src/smtp/index.js'
import { freePort } from '../helpers/ports.js'
import { RELAY_PASS, RELAY_USER, startRelay, type Relay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

let relay: Relay
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  await relay.stop()
})

/** What a program using the client without the HTTP service writes: pool, fallback and retries from the index, its runtime's socket passed in. */
describe('the SMTP client as a library (src/smtp/index.ts)', () => {
  it('sends through a pool with a fallback relay and retries, over STARTTLS and AUTH', async () => {
    const options = (port: number): SmtpConnectionOptions => ({
      host: '127.0.0.1',
      port,
      tls: 'starttls',
      ca: testCert,
      auth: { user: RELAY_USER, pass: RELAY_PASS },
      connect: createNodeSocket,
    })
    const down = await freePort() // nothing listens: the primary is unreachable
    const mailer = withRetries(withFallback(createSmtpPool(options(down)), createSmtpPool(options(relay.port))), { deadlineMs: 10_000 })
    const before = relay.received.length
    const result = await mailer.send({ envelope: { from: 'a@example.com', to: ['b@example.org'] }, raw: 'Subject: lib\r\n\r\nhi\r\n' })
    await mailer.close()
    expect(result.accepted).toEqual(['b@example.org'])
    expect(result.queueId).toBe(relay.received[before]!.queueId)
  })
})
