import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { useStarted } from '../helpers/fixture.js'
import { startCountingServer } from './pool-counting-server.js'
import { message, waitUntil } from './pool-fake.js'

describe('pool idle close', () => {
  const started = useStarted(startCountingServer)

  it('QUITs connections idle for idleTimeoutMs and opens a fresh one on the next send', async () => {
    const relay = started()
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 2, idleTimeoutMs: 50 })
    await Promise.all([pool.send(message(1)), pool.send(message(2))])
    expect(relay.opened).toBe(2)
    await waitUntil(() => relay.closed === 2)
    expect(pool.stats()).toMatchObject({ open: 0, idle: 0 })
    await pool.send(message(3))
    expect(relay.opened).toBe(3)
    expect(relay.messages).toHaveLength(3)
    await pool.close()
  })
})
