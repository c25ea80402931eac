import { describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/connection.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { SendAbort } from '../../src/smtp/send-abort.js'
import type { AbortSource } from '../../src/smtp/types.js'
import { startFakeSmtp } from '../helpers/fake-smtp.js'
import { heldPool, message, waitUntil } from './pool-fake.js'

describe('pool: a send aborted through a SendAbort as its signal', () => {
  it('leaves the queue on abort', async () => {
    const { relay, pool, release } = heldPool()
    const inFlight = pool.send(message(1))
    await waitUntil(() => relay.held.length === 1)
    const abort = new SendAbort()
    const waiting = pool.send(message(2), { signal: abort })
    await waitUntil(() => pool.stats().queued === 1)
    abort.abort(new Error('deadline'))
    await expect(waiting).rejects.toMatchObject({ code: 'EABORTED' })
    expect(pool.stats().queued).toBe(0)
    release()
    await inFlight
    expect(relay.connections[0]!.sent.map((m) => m.envelope.to[0])).toEqual(['r1@example.org'])
    await pool.close()
  })

  it('fails at once, opening nothing, when the abort came before the send', async () => {
    const { relay, pool } = heldPool()
    const abort = new SendAbort()
    abort.abort(new Error('too late'))
    await expect(pool.send(message(1), { signal: abort })).rejects.toMatchObject({ code: 'EABORTED' })
    expect(relay.connections).toHaveLength(0)
    await pool.close()
  })

  it('hands the same abort to the connection being opened, which it cuts (socket and handshake alike)', async () => {
    // A relay that greets and then never answers EHLO: the open is under way when the abort comes.
    const server = await startFakeSmtp((s) => s.send('220 hi\r\n'))
    const given: Array<AbortSource | undefined> = []
    const pool = createSmtpPool({
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      openConnection: (options, signal) => {
        given.push(signal)
        return openSmtpConnection(options, signal)
      },
    })
    try {
      const abort = new SendAbort()
      const sending = pool.send(message(1), { signal: abort })
      await waitUntil(() => server.sessions.length === 1)
      abort.abort(new Error('cut while opening'))
      await expect(sending).rejects.toMatchObject({ code: 'EABORTED' })
      expect(given).toEqual([abort])
      expect(pool.stats()).toMatchObject({ open: 0, opening: 0 })
    } finally {
      await pool.close()
      await server.stop()
    }
  })
})
