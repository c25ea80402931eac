import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { useStarted } from '../helpers/fixture.js'
import { startCountingServer } from './pool-counting-server.js'
import { message, waitUntil } from './pool-fake.js'

describe('pool recycling after maxMessages', () => {
  const started = useStarted(startCountingServer)

  it('QUITs a connection after maxMessages sends and opens a new one', async () => {
    const relay = started()
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 1, maxMessages: 3 })
    for (let i = 0; i < 7; i++) await pool.send(message(i))
    expect(relay.messages).toHaveLength(7)
    expect(relay.opened).toBe(3) // 3 + 3 + 1
    await waitUntil(() => relay.closed === 2) // the two full connections were retired
    expect(pool.stats()).toMatchObject({ open: 1, idle: 1, created: 3 })
    await pool.close()
    await waitUntil(() => relay.closed === 3)
  })
})
