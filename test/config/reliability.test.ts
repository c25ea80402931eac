import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { configIssues as issuesOf } from './config-error.js'

describe('loadConfig: idempotency and rate-limit variables', () => {
  it('reads REDIS_URL, RATE_LIMIT_PER_MINUTE and IDEMPOTENCY_TTL_SECONDS', () => {
    const c = loadConfig({ REDIS_URL: 'redis://:pw@127.0.0.1:6379/2', RATE_LIMIT_PER_MINUTE: '120', IDEMPOTENCY_TTL_SECONDS: '3600' })
    expect(c.redisUrl).toBe('redis://:pw@127.0.0.1:6379/2')
    expect(c.rateLimitPerMinute).toBe(120)
    expect(c.idempotencyTtlSeconds).toBe(3600)
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380' }).redisUrl).toBe('rediss://cache.internal:6380')
  })

  it('rejects a REDIS_URL that is not redis:// without echoing it (it may hold a password)', () => {
    const lines = issuesOf({ REDIS_URL: 'http://user:hunter2@cache:6379' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^REDIS_URL: /)
    expect(lines[0]).not.toContain('hunter2')
    expect(issuesOf({ REDIS_URL: 'cache:6379 hunter2' })[0]).not.toContain('hunter2')
  })

  it('rejects a rate limit or TTL that is not a positive integer', () => {
    expect(issuesOf({ RATE_LIMIT_PER_MINUTE: '0', IDEMPOTENCY_TTL_SECONDS: '1.5' })).toEqual([
      expect.stringMatching(/^RATE_LIMIT_PER_MINUTE: must be an integer/),
      expect.stringMatching(/^IDEMPOTENCY_TTL_SECONDS: must be an integer/),
    ])
  })
})
