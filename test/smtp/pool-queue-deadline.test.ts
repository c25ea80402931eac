import { afterEach, describe, expect, it, vi } from 'vitest'
import { heldPool, message } from './pool-fake.js'

/** Fake timers, and a pool of one connection (queueTimeoutMs 1000) that message 0 holds busy. */
async function busyPool() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date', 'performance'] })
  const held = heldPool({ queueTimeoutMs: 1000 })
  const first = held.pool.send(message(0))
  await vi.advanceTimersByTimeAsync(0)
  return { ...held, first }
}

describe('pool queue deadline', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives every waiter its own full queueTimeoutMs, expiring them oldest first', async () => {
    const { relay, pool, release, first } = await busyPool()
    const second = pool.send(message(1)).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(600)
    const third = pool.send(message(2)).catch((e: unknown) => e)
    expect(pool.stats().queued).toBe(2)

    await vi.advanceTimersByTimeAsync(400) // the second has waited 1000 ms, the third 400 ms
    expect(await second).toMatchObject({ code: 'EBUSY' })
    expect(pool.stats().queued).toBe(1)

    await vi.advanceTimersByTimeAsync(599)
    expect(pool.stats().queued).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(await third).toMatchObject({ code: 'EBUSY' })
    expect(pool.stats().queued).toBe(0)

    release()
    await first
    expect(relay.connections[0]!.sent).toHaveLength(1)
    await pool.close()
  })

  it('does not expire a waiter that got a connection in time', async () => {
    const { pool, release, first } = await busyPool()
    const second = pool.send(message(1))
    await vi.advanceTimersByTimeAsync(900)
    release()
    await vi.advanceTimersByTimeAsync(500)
    await expect(first).resolves.toBeDefined()
    await expect(second).resolves.toMatchObject({ accepted: ['r1@example.org'] })
    await pool.close()
  })
})
