import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { useStarted } from '../helpers/fixture.js'
import { startScriptedRelay } from './pool-fake-server.js'
import { message } from './pool-fake.js'

describe('pool recovery after the relay drops every connection', () => {
  const started = useStarted(startScriptedRelay)

  it('detects the dead idle connections on use and sends every message once on fresh ones', async () => {
    const relay = started()
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 3 })
    await Promise.all(Array.from({ length: 9 }, (_, i) => pool.send(message(i))))
    expect(relay.connections).toBe(3)
    relay.dropAll()
    await new Promise((r) => setTimeout(r, 20))
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => pool.send(message(100 + i))))
    expect(results).toHaveLength(9)
    expect(relay.connections).toBe(6)
    const later = relay.messages.slice(9).map((m) => /Subject: (\d+)/.exec(m)?.[1]).sort()
    expect(later).toEqual(Array.from({ length: 9 }, (_, i) => String(100 + i)))
    await pool.close()
  })
})
