import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { fakeRelay, message } from './pool-fake.js'

const base = { host: '127.0.0.1', port: 1, size: 1 }

describe('pool: a reused connection found dead', () => {
  it('retries once on a fresh connection when the failure came before the message was handed over', async () => {
    const relay = fakeRelay()
    const pool = createSmtpPool({ ...base, openConnection: relay.open })
    await pool.send(message(0))
    relay.failNext.push(new SmtpError('ECONNECT', 'connection lost', { command: 'MAIL' }))
    await expect(pool.send(message(1))).resolves.toMatchObject({ accepted: ['r1@example.org'] })
    expect(relay.connections).toHaveLength(2)
    expect(relay.connections[0]!.closes).toBe(1)
    expect(relay.connections[1]!.sent.map((m) => m.envelope.to[0])).toEqual(['r1@example.org'])
    await pool.close()
  })

  it('retries after a 421 on MAIL from a relay that timed the connection out', async () => {
    const relay = fakeRelay()
    const pool = createSmtpPool({ ...base, openConnection: relay.open })
    await pool.send(message(0))
    relay.failNext.push(new SmtpError('ECONNECT', 'closing', { command: 'MAIL', responseCode: 421 }))
    await expect(pool.send(message(1))).resolves.toBeDefined()
    expect(relay.connections).toHaveLength(2)
    await pool.close()
  })

  it.each([
    ['EUNKNOWN_OUTCOME', new SmtpError('EUNKNOWN_OUTCOME', 'lost after the final dot', { command: 'MESSAGE' })],
    ['ECONNECT during the content', new SmtpError('ECONNECT', 'lost while sending data', { command: 'MESSAGE' })],
    ['a permanent refusal', new SmtpError('EENVELOPE', 'no such user', { command: 'RCPT', responseCode: 550 })],
  ])('never retries on %s', async (_name, error) => {
    const relay = fakeRelay()
    const pool = createSmtpPool({ ...base, openConnection: relay.open })
    await pool.send(message(0))
    relay.failNext.push(error)
    await expect(pool.send(message(1))).rejects.toBe(error)
    expect(relay.connections).toHaveLength(1)
    await pool.close()
  })

  it('does not retry a failure on a connection opened for this very send', async () => {
    const relay = fakeRelay()
    const pool = createSmtpPool({ ...base, openConnection: relay.open })
    relay.failNext.push(new SmtpError('ECONNECT', 'connection lost', { command: 'MAIL' }))
    await expect(pool.send(message(0))).rejects.toMatchObject({ code: 'ECONNECT' })
    expect(relay.connections).toHaveLength(1)
    await expect(pool.send(message(1))).resolves.toBeDefined()
    expect(relay.connections).toHaveLength(2)
    await pool.close()
  })
})
