import { describe, expect, it } from 'vitest'
import { connectRelayEarly } from '../../../src/runtime/node/early-relay.js'
import { nodeSocketFactory } from '../../../src/runtime/node/socket.js'
import { useStarted } from '../../helpers/fixture.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'))

/**
 * The pool may ask for its first connection before the early one has
 * connected: it is handed over still connecting, and the connection waits for
 * it (within its own deadline) instead of opening another.
 */
describe('an early relay connection taken while still connecting', () => {
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())

  it('is waited for, then carries the session', async () => {
    const early = connectRelayEarly(relayVariables(relay()))!
    const socket = await nodeSocketFactory(early)({ host: '127.0.0.1', port: relay().port, timeoutMs: 10_000 })
    try {
      expect(text(await socket.read())).toMatch(/^220 /)
      expect(relay().sessions).toBe(1)
      expect(early.take('127.0.0.1', relay().port)).toBeUndefined()
    } finally {
      socket.close()
    }
  })
})
