import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { fakeRelay, message } from './pool-fake.js'

describe('pool queue deadline', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives every waiter its own full queueTimeoutMs, expiring them oldest first', async () => {
    vi.useFakeTimers()
    const relay = fakeRelay()
    relay.hold = true
    const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 1, queueTimeoutMs: 1000, openConnection: relay.open })
    const inFlight = pool.send(message(0))
    await vi.advanceTimersByTimeAsync(0)
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

    relay.hold = false
    relay.releaseAll()
    await inFlight
    expect(relay.connections[0]!.sent).toHaveLength(1)
    await pool.close()
  })

  it('does not expire a waiter that got a connection in time', async () => {
    vi.useFakeTimers()
    const relay = fakeRelay()
    relay.hold = true
    const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 1, queueTimeoutMs: 1000, openConnection: relay.open })
    const first = pool.send(message(0))
    await vi.advanceTimersByTimeAsync(0)
    const second = pool.send(message(1))
    await vi.advanceTimersByTimeAsync(900)
    relay.hold = false
    relay.releaseAll()
    await vi.advanceTimersByTimeAsync(500)
    await expect(first).resolves.toBeDefined()
    await expect(second).resolves.toMatchObject({ accepted: ['r1@example.org'] })
    await pool.close()
  })
})
