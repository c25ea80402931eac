import { SmtpError } from '../../src/smtp/errors.js'
import { createSmtpPool, type OpenConnection, type PoolConnection, type SmtpPool, type SmtpPoolOptions } from '../../src/smtp/pool.js'
import type { OutgoingMessage, SendResult } from '../../src/smtp/types.js'

/** A scripted in-memory connection for pool-logic tests (no sockets). */
export interface FakeConnection extends PoolConnection {
  readonly id: number
  usable: boolean
  sent: OutgoingMessage[]
  quits: number
  closes: number
}

export interface FakeRelay {
  open: OpenConnection
  connections: FakeConnection[]
  /** Sends currently held by `hold()`; release them with `releaseAll()`. */
  held: Array<() => void>
  /** While true, every send waits until released. */
  hold: boolean
  releaseAll(): void
  /** Errors thrown by the next sends, in order (on any connection). */
  failNext: SmtpError[]
}

export const message = (n = 0): OutgoingMessage => ({
  envelope: { from: 'a@example.com', to: [`r${n}@example.org`] },
  raw: `Subject: ${n}\r\n\r\nbody ${n}\r\n`,
})

/** A relay of fake connections recording what each was asked to do. */
export function fakeRelay(): FakeRelay {
  const relay: FakeRelay = {
    connections: [],
    held: [],
    hold: false,
    failNext: [],
    releaseAll() {
      for (const r of relay.held.splice(0)) r()
    },
    open: async () => {
      const conn: FakeConnection = {
        id: relay.connections.length,
        usable: true,
        sent: [],
        quits: 0,
        closes: 0,
        async send(msg): Promise<SendResult> {
          if (relay.hold) await new Promise<void>((r) => relay.held.push(r))
          const err = relay.failNext.shift()
          if (err) {
            if (err.code === 'ECONNECT' || err.code === 'EUNKNOWN_OUTCOME') conn.usable = false
            throw err
          }
          conn.sent.push(msg)
          return { accepted: msg.envelope.to, rejected: [], response: '250 ok', queueId: null }
        },
        async quit() {
          conn.quits++
          conn.usable = false
        },
        close() {
          conn.closes++
          conn.usable = false
        },
      }
      relay.connections.push(conn)
      return conn
    },
  }
  return relay
}

export interface HeldPool {
  relay: FakeRelay
  pool: SmtpPool
  /** Stops holding sends and lets every held one go. */
  release(): void
}

/**
 * A pool of one connection (unless `options` say otherwise) on a {@link fakeRelay}
 * that holds every send until `release()`: where the queue tests start from.
 */
export function heldPool(options: Partial<Omit<SmtpPoolOptions, 'openConnection'>> = {}): HeldPool {
  const relay = fakeRelay()
  relay.hold = true
  const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 1, ...options, openConnection: relay.open })
  return {
    relay,
    pool,
    release() {
      relay.hold = false
      relay.releaseAll()
    },
  }
}

export const waitUntil = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 5))
  }
}
