import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { fakeRelay, message } from './pool-fake.js'

/**
 * A process frozen between requests (an idle Lambda execution environment)
 * runs no timers: when it thaws, an idle connection may be long past its
 * idle timeout, and the relay may well have closed it. The pool checks the
 * clock itself instead of trusting the timer to have fired.
 */
describe('pool after a freeze longer than idleTimeoutMs', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('replaces the idle connection (QUIT) rather than hand it the message', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    const relay = fakeRelay()
    const pool = createSmtpPool({ host: 'relay.test', port: 587, openConnection: relay.open, idleTimeoutMs: 30_000 })
    await pool.send(message(1))
    expect(pool.stats()).toMatchObject({ idle: 1, created: 1 })
    // The clock jumps as it does across a freeze; the idle timer has not run.
    vi.setSystemTime(Date.now() + 45_000)
    await pool.send(message(2))
    expect(relay.connections).toHaveLength(2)
    expect(relay.connections[0]!.sent).toHaveLength(1)
    expect(relay.connections[0]!.quits).toBe(1)
    expect(relay.connections[1]!.sent).toEqual([message(2)])
    expect(pool.stats()).toMatchObject({ open: 1, idle: 1, created: 2 })
    await pool.close()
  })

  it('still reuses a connection idle for less than idleTimeoutMs', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    const relay = fakeRelay()
    const pool = createSmtpPool({ host: 'relay.test', port: 587, openConnection: relay.open, idleTimeoutMs: 30_000 })
    await pool.send(message(1))
    vi.setSystemTime(Date.now() + 29_000)
    await pool.send(message(2))
    expect(relay.connections).toHaveLength(1)
    await pool.close()
  })
})
