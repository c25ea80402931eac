import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectRelayEarly } from '../../../src/runtime/node/early-relay.js'
import { useStarted } from '../../helpers/fixture.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'

/**
 * An early connection the pool never takes (the configuration named another
 * relay, or mail never goes out) must not hold one of the relay's connection
 * slots for the life of the process: it is closed after 10 s.
 */
describe('an early relay connection nobody takes', () => {
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is closed after 10 s, and then no longer handed over', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const kept = connectRelayEarly(relayVariables(relay()))!
    const unused = connectRelayEarly(relayVariables(relay()))!
    vi.advanceTimersByTime(9_999)
    const socket = kept.take('127.0.0.1', relay().port)
    expect(socket?.destroyed).toBe(false)
    socket!.destroy()
    vi.advanceTimersByTime(1)
    expect(unused.take('127.0.0.1', relay().port)).toBeUndefined()
  })
})
