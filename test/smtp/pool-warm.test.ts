import { afterEach, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { freePort } from '../helpers/ports.js'
import { startCountingServer, type CountingServer } from './pool-counting-server.js'

let server: CountingServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

describe('pool warm-up: the startup check of the relay', () => {
  it('opens one connection and keeps it for the first send: no extra session at the relay', async () => {
    server = await startCountingServer()
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none' })
    await pool.warm()
    expect(pool.stats()).toMatchObject({ idle: 1, created: 1 })
    await pool.send(message)
    expect(pool.stats().created).toBe(1)
    expect(server.opened).toBe(1)
    await pool.close()
  })

  it('a send that arrives while the warm-up connection is opening waits for it instead of opening a second', async () => {
    server = await startCountingServer()
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const warming = pool.warm()
    await pool.send(message)
    await warming
    expect(pool.stats().created).toBe(1)
    await pool.close()
  })

  it('rejects with the connection failure and leaves the slot free for later sends', async () => {
    const pool = createSmtpPool({ host: '127.0.0.1', port: await freePort(), tls: 'none', size: 1 })
    await expect(pool.warm()).rejects.toMatchObject({ code: 'ECONNECT', command: 'CONNECT' })
    expect(pool.stats()).toMatchObject({ open: 0, opening: 0 })
    await pool.close()
  })

  it('does nothing when a connection is already open', async () => {
    server = await startCountingServer()
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none' })
    await pool.send(message)
    await pool.warm()
    expect(pool.stats().created).toBe(1)
    await pool.close()
  })
})
