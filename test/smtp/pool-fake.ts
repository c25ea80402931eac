import { SmtpError } from '../../src/smtp/errors.js'
import type { OpenConnection, PoolConnection } from '../../src/smtp/pool.js'
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

export const waitUntil = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 5))
  }
}
