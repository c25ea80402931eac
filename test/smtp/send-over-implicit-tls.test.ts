import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, openSmtpConnection } from '../../src/smtp/index.js'
import { RELAY_PASS, RELAY_USER, startRelay, type Relay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

let relay: Relay
beforeAll(async () => {
  relay = await startRelay({ secure: true })
})
afterAll(async () => {
  await relay.stop()
})

const raw = 'Subject: implicit\r\n\r\nover TLS from the first byte\r\n'

describe('implicit TLS (port 465 style) with AUTH at smtp-server', () => {
  it('is secure from the start, skips STARTTLS, authenticates and delivers', async () => {
    const client = createSmtpClient({
      host: 'localhost',
      port: relay.port,
      tls: 'implicit',
      ca: testCert,
      auth: { user: RELAY_USER, pass: RELAY_PASS },
    })
    const before = relay.received.length
    const result = await client.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw })
    await client.close()
    expect(result.queueId).toMatch(/^TESTQ/)
    expect(relay.received[before]!.raw.toString()).toBe(raw)
  })

  it('reports the connection as secure and offers no STARTTLS', async () => {
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: relay.port, tls: 'implicit', ca: testCert, auth: { user: RELAY_USER, pass: RELAY_PASS } })
    expect(conn.secure).toBe(true)
    expect(conn.capabilities.starttls).toBe(false)
    await conn.quit()
  })
})
