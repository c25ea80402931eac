import { afterEach, describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries } from '../../src/smtp/retry.js'
import type { Mailer, SmtpSocket } from '../../src/smtp/types.js'
import type { SocketFactory } from '../../src/smtp/socket.js'
import { startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

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

/**
 * An in-memory relay socket that answers every command with 250 (354 to DATA)
 * and then never finishes taking the content: the write stays pending until
 * the socket is closed, like a relay that stopped reading.
 */
const stuckWriteSocket: SocketFactory = async () => {
  const replies: string[] = ['220 mem.test ESMTP\r\n']
  let waiting: ((chunk: Uint8Array | null) => void) | undefined
  let failWrite: ((e: Error) => void) | undefined
  let closed = false
  let inData = false
  const push = (reply: string) => {
    if (waiting) {
      const w = waiting
      waiting = undefined
      w(new TextEncoder().encode(reply))
    } else replies.push(reply)
  }
  const socket: SmtpSocket = {
    secure: false,
    read: () => {
      const next = replies.shift()
      if (next !== undefined) return Promise.resolve(new TextEncoder().encode(next))
      if (closed) return Promise.resolve(null)
      return new Promise((resolve) => (waiting = resolve))
    },
    write: (data) => {
      if (closed) return Promise.reject(new Error('closed'))
      if (inData) return new Promise<void>((_resolve, reject) => (failWrite = reject))
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
      for (const line of text.split('\r\n').filter(Boolean)) {
        if (line === 'DATA') {
          inData = true
          push('354 go\r\n')
        } else push(line.startsWith('EHLO') ? '250 mem.test\r\n' : '250 Ok\r\n')
      }
      return Promise.resolve()
    },
    startTls: () => Promise.reject(new Error('no TLS')),
    close: () => {
      closed = true
      failWrite?.(new Error('socket closed'))
      waiting?.(null)
    },
  }
  return socket
}

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
