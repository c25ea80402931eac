import { describe, expect, it } from 'vitest'
import { SendAbort } from '../../src/smtp/send-abort.js'
import type { SendOptions } from '../../src/smtp/types.js'
import { heldPool, message, waitUntil } from './pool-fake.js'

/** Options carrying `abort`, counting how often their `signal` is read. */
function abortOptions(abort: SendAbort): { options: SendOptions; signalReads: () => number } {
  let reads = 0
  const options: SendOptions = {
    abort,
    get signal() {
      reads++
      return abort.signal
    },
  }
  return { options, signalReads: () => reads }
}

describe('pool: a send aborted through options.abort', () => {
  it('leaves the queue on abort without its AbortSignal ever being made', async () => {
    const { relay, pool, release } = heldPool()
    const inFlight = pool.send(message(1))
    await waitUntil(() => relay.held.length === 1)
    const abort = new SendAbort()
    const { options, signalReads } = abortOptions(abort)
    const waiting = pool.send(message(2), options)
    await waitUntil(() => pool.stats().queued === 1)
    abort.abort(new Error('deadline'))
    await expect(waiting).rejects.toMatchObject({ code: 'EABORTED' })
    expect(pool.stats().queued).toBe(0)
    expect(signalReads()).toBe(0)
    release()
    await inFlight
    expect(relay.connections[0]!.sent.map((m) => m.envelope.to[0])).toEqual(['r1@example.org'])
    await pool.close()
  })

  it('fails at once, opening nothing, when the abort came before the send', async () => {
    const { relay, pool } = heldPool()
    const abort = new SendAbort()
    abort.abort(new Error('too late'))
    await expect(pool.send(message(1), abortOptions(abort).options)).rejects.toMatchObject({ code: 'EABORTED' })
    expect(relay.connections).toHaveLength(0)
    await pool.close()
  })
})
