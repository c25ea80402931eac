import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { useStarted } from '../helpers/fixture.js'
import { startScriptedRelay } from './pool-fake-server.js'
import { message } from './pool-fake.js'

describe('pool: a connection lost after the final dot', () => {
  const started = useStarted(startScriptedRelay)

  it('reports EUNKNOWN_OUTCOME and never sends the message a second time', async () => {
    const relay = started()
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 1 })
    await pool.send(message(0)) // warm: the next send runs on a reused connection, where retries are allowed
    relay.afterDot = (i) => (i === 1 ? 'drop' : 'accept')
    await expect(pool.send(message(1))).rejects.toMatchObject({ code: 'EUNKNOWN_OUTCOME' })
    await expect(pool.send(message(2))).resolves.toMatchObject({ queueId: 'Q2' })
    const subjects = relay.messages.map((m) => /Subject: (\d+)/.exec(m)?.[1])
    expect(subjects).toEqual(['0', '1', '2'])
    expect(relay.connections).toBe(2)
    await pool.close()
  })
})
