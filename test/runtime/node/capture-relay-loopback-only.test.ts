import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { CaptureRelayError, startCaptureRelay } from '../../../src/runtime/node/capture-relay.js'

describe('capture relay binds loopback only', () => {
  it('refuses a non-loopback host before listening', async () => {
    await expect(startCaptureRelay({ outboxDir: tmpdir(), host: '0.0.0.0' })).rejects.toBeInstanceOf(CaptureRelayError)
  })
})
