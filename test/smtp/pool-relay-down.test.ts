import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { freePort } from '../helpers/ports.js'
import { fakeRelay, message } from './pool-fake.js'

describe('pool when the relay cannot be reached', () => {
  it('fails every send, queued ones included, with the connect error and leaks no slot', async () => {
    const port = await freePort() // nothing listens here
    const pool = createSmtpPool({ host: '127.0.0.1', port, tls: 'none', size: 2 })
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => pool.send(message(i))))
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('rejected'))
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'SmtpError', code: 'ECONNECT' })
    expect(pool.stats()).toMatchObject({ open: 0, opening: 0, idle: 0, inUse: 0, queued: 0, created: 0 })
    await pool.close()
  })

  it('recovers once the relay is back', async () => {
    const relay = fakeRelay()
    let down = true
    const pool = createSmtpPool({
      host: '127.0.0.1',
      port: 1,
      size: 1,
      openConnection: (o, s) => (down ? Promise.reject(new Error('ECONNREFUSED')) : relay.open(o, s)),
    })
    await expect(pool.send(message(0))).rejects.toThrow('ECONNREFUSED')
    down = false
    await expect(pool.send(message(1))).resolves.toMatchObject({ accepted: ['r1@example.org'] })
    expect(pool.stats()).toMatchObject({ open: 1, idle: 1 })
    await pool.close()
  })
})
