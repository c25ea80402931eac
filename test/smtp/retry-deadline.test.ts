import { afterEach, describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries } from '../../src/smtp/retry.js'
import type { Mailer } from '../../src/smtp/types.js'
import { startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { contentSocket } from './content-socket.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }
const slowTimeouts = { connect: 30_000, command: 30_000, data: 30_000 }

describe('withRetries: one deadline per send', () => {
  it('a relay that never greets is cut at the deadline as ETIMEOUT (relay_timeout), not left hanging', async () => {
    server = await startFakeSmtp(() => new Promise<void>(() => {}))
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: slowTimeouts })
    const mailer = withRetries(pool, { deadlineMs: 150 })
    const err = await mailer.send(message).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ETIMEOUT' })
    await mailer.close()
  })

  it('a relay that stalls after the final dot is cut at the deadline as EUNKNOWN_OUTCOME (delivery_unknown)', async () => {
    server = await startFakeSmtp(async (s) => {
      s.send('220 fake.test ESMTP\r\n')
      for (let line = await s.line(); line !== null; line = await s.line()) {
        if (line === 'DATA') {
          s.send('354 go\r\n')
          await s.data()
          return new Promise<void>(() => {}) // never answers the dot
        }
        s.send('250 Ok\r\n')
      }
    })
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: slowTimeouts })
    const mailer = withRetries(pool, { deadlineMs: 300 })
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EUNKNOWN_OUTCOME' })
    await mailer.close()
  })

  it('does not start a retry whose backoff would end past the deadline', async () => {
    let calls = 0
    const refusing: Mailer = {
      send: async () => {
        calls++
        throw new SmtpError('ECONNECT', 'refused', { command: 'CONNECT' })
      },
      close: async () => {},
    }
    const mailer = withRetries(refusing, { attempts: 10, baseDelayMs: 1_000, maxDelayMs: 1_000, deadlineMs: 500 })
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'ECONNECT' })
    expect(calls).toBe(1)
  })

  it("stops at the caller's abort signal without retrying", async () => {
    let calls = 0
    const controller = new AbortController()
    const refusing: Mailer = {
      send: async () => {
        calls++
        controller.abort()
        throw new SmtpError('ECONNECT', 'refused', { command: 'CONNECT' })
      },
      close: async () => {},
    }
    const mailer = withRetries(refusing, { attempts: 5, baseDelayMs: 1 })
    await expect(mailer.send(message, { signal: controller.signal })).rejects.toMatchObject({ code: 'ECONNECT' })
    expect(calls).toBe(1)
  })
})

/** A relay that stopped reading once the content started: every content write stays pending until the socket closes. */
const stuckWriteSocket = contentSocket(() => 'hang')

describe('withRetries: a deadline that passes while the content is being written', () => {
  it('is EUNKNOWN_OUTCOME: bytes already handed to the kernel may still reach the relay', async () => {
    const pool = createSmtpPool({ host: 'mem.test', port: 25, tls: 'none', timeouts: slowTimeouts, connect: stuckWriteSocket })
    const mailer = withRetries(pool, { deadlineMs: 100 })
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE' })
    await mailer.close()
  })

  it('an abort before the content is written stays ETIMEOUT (relay_timeout)', async () => {
    // Same socket, but the deadline passes while waiting for a pool connection held by a stuck send.
    const pool = createSmtpPool({ host: 'mem.test', port: 25, tls: 'none', size: 1, timeouts: slowTimeouts, connect: stuckWriteSocket })
    const holder = withRetries(pool, { deadlineMs: 1_000 })
    const first = holder.send(message).catch((e: unknown) => e)
    const waiter = withRetries(pool, { deadlineMs: 100 })
    await expect(waiter.send(message)).rejects.toMatchObject({ code: 'ETIMEOUT' })
    expect(await first).toMatchObject({ code: 'EUNKNOWN_OUTCOME' })
    await pool.close()
  })
})
