import { describe, expect, it, vi } from 'vitest'
import { isRequestLogEntry, type LogLine, type ServiceEvent } from '../../src/http/log.js'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import type { IdempotencyStore, RateLimiter } from '../../src/store/types.js'
import { createTestApp } from '../helpers/app.js'
import { fakeMailer, postJson, validMail } from './fake-mailer.js'

describe("store failures go to the app's log as JSON service events", () => {
  it('a failing rate limiter and idempotency store are logged through `log`, nothing on stderr', async () => {
    const lines: LogLine[] = []
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {})
    const limiter: RateLimiter = { limit: 60, take: () => Promise.reject(new Error('limiter down')) }
    const store: IdempotencyStore = { ...createMemoryIdempotencyStore(), claim: () => Promise.reject(new Error('store down')) }
    try {
      const app = createTestApp({ mailer: fakeMailer(), rateLimiter: limiter, idempotencyStore: store, log: (l) => lines.push(l) })
      expect((await app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'k' }))).status).toBe(503)
      const events = lines.filter((l): l is ServiceEvent => !isRequestLogEntry(l)).map((l) => `${l.level} ${l.msg}`)
      expect(events).toEqual(['warn rate limiter failed: limiter down', 'warn idempotency store failed: store down'])
      expect(stderr).not.toHaveBeenCalled()
    } finally {
      stderr.mockRestore()
    }
  })
})
