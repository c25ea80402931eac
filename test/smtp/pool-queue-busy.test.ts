import { describe, expect, it } from 'vitest'
import { heldPool, message, waitUntil } from './pool-fake.js'

describe('pool queue: bounded, FIFO, relay_busy instead of an unbounded wait', () => {
  it('fails at once with EBUSY when the queue is full', async () => {
    const { relay, pool, release } = heldPool({ maxQueue: 2 })
    const inFlight = pool.send(message(1))
    const queued = [pool.send(message(2)), pool.send(message(3))]
    await waitUntil(() => relay.held.length === 1)
    expect(pool.stats()).toMatchObject({ open: 1, inUse: 1, queued: 2 })
    await expect(pool.send(message(4))).rejects.toMatchObject({ name: 'SmtpError', code: 'EBUSY', transient: true })
    release()
    await Promise.all([inFlight, ...queued])
    expect(relay.connections[0]!.sent.map((m) => m.envelope.to[0])).toEqual(['r1@example.org', 'r2@example.org', 'r3@example.org'])
    await pool.close()
  })

  it('fails a send with EBUSY once it waited past queueTimeoutMs, and forgets it', async () => {
    const { relay, pool, release } = heldPool({ queueTimeoutMs: 30 })
    const inFlight = pool.send(message(1))
    await expect(pool.send(message(2))).rejects.toMatchObject({ code: 'EBUSY' })
    expect(pool.stats().queued).toBe(0)
    release()
    await inFlight
    expect(relay.connections[0]!.sent).toHaveLength(1)
    await pool.close()
  })

  it('serves waiters in arrival order', async () => {
    const { relay, pool, release } = heldPool()
    const sends = Array.from({ length: 10 }, (_, i) => pool.send(message(i)))
    await waitUntil(() => relay.held.length === 1)
    expect(pool.stats().queued).toBe(9)
    release()
    await Promise.all(sends)
    expect(relay.connections).toHaveLength(1)
    expect(relay.connections[0]!.sent.map((m) => m.envelope.to[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `r${i}@example.org`),
    )
    await pool.close()
  })

  it('removes an aborted waiter without sending its message', async () => {
    const { relay, pool, release } = heldPool()
    const inFlight = pool.send(message(1))
    const ac = new AbortController()
    const waiting = pool.send(message(2), { signal: ac.signal })
    await waitUntil(() => pool.stats().queued === 1)
    ac.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'EABORTED' })
    expect(pool.stats().queued).toBe(0)
    release()
    await inFlight
    expect(relay.connections[0]!.sent.map((m) => m.envelope.to[0])).toEqual(['r1@example.org'])
    await pool.close()
  })
})
