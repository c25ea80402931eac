import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { useStarted } from '../helpers/fixture.js'
import { startScriptedRelay } from './pool-fake-server.js'
import { message } from './pool-fake.js'

describe('pool round trips with PIPELINING', () => {
  const started = useStarted(startScriptedRelay)

  it('costs two round trips per message on a warm connection', async () => {
    const relay = started()
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 1 })
    await pool.send(message(0)) // greeting, EHLO and the first message
    const before = relay.turns
    for (let i = 1; i <= 10; i++) await pool.send(message(i))
    expect(relay.turns - before).toBe(20)
    expect(relay.connections).toBe(1)
    await pool.close()
  })
})
