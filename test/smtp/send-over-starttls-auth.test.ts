import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, openSmtpConnection, type SmtpConnectionOptions } from '../../src/smtp/index.js'
import { RELAY_PASS, RELAY_USER, startRelay, type Relay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

let relay: Relay
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  await relay.stop()
})

const opts = (method?: 'PLAIN' | 'LOGIN'): SmtpConnectionOptions => ({
  host: '127.0.0.1',
  port: relay.port,
  tls: 'starttls',
  ca: testCert,
  ehloName: 'client.test',
  auth: { user: RELAY_USER, pass: RELAY_PASS, ...(method ? { method } : {}) },
})

const raw = 'From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nHello there\r\n'

describe('send over STARTTLS with AUTH required (smtp-server)', () => {
  it('delivers the exact bytes and returns the queue id', async () => {
    const client = createSmtpClient(opts())
    const before = relay.received.length
    const result = await client.send({ envelope: { from: 'a@example.com', to: ['b@example.org', 'c@example.org'] }, raw })
    await client.close()
    expect(result.accepted).toEqual(['b@example.org', 'c@example.org'])
    expect(result.rejected).toEqual([])
    expect(result.queueId).toMatch(/^TESTQ\d+$/)
    expect(result.response).toContain(`queued as ${result.queueId}`)
    const got = relay.received[before]!
    expect(got.from).toBe('a@example.com')
    expect(got.to).toEqual(['b@example.org', 'c@example.org'])
    expect(got.raw.toString('utf8')).toBe(raw)
  })

  it.each(['PLAIN', 'LOGIN'] as const)('authenticates with AUTH %s after the upgrade', async (method) => {
    const n = relay.authMethods.length
    const received = relay.received.length
    const conn = await openSmtpConnection(opts(method))
    expect(conn.secure).toBe(true)
    expect(relay.authMethods[n]).toBe(method)
    const result = await conn.send({ envelope: { from: 'a@example.com', to: ['b@example.org'] }, raw })
    expect(result.queueId).not.toBeNull()
    expect(conn.usable).toBe(true)
    // The relay received exactly this one message on the session.
    expect(relay.received.length).toBe(received + 1)
    await conn.quit()
    expect(conn.usable).toBe(false)
  })

  it('sends several messages on one connection', async () => {
    const conn = await openSmtpConnection(opts())
    const before = relay.received.length
    for (let i = 0; i < 3; i++) {
      await conn.send({ envelope: { from: 'a@example.com', to: ['b@example.org'] }, raw: raw + `n=${i}\r\n` })
    }
    await conn.noop()
    await conn.reset()
    await conn.quit()
    expect(relay.received.slice(before).map((m) => m.raw.toString())).toEqual([0, 1, 2].map((i) => raw + `n=${i}\r\n`))
  })
})
