import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { configIssues as issuesOf } from './config-error.js'

describe('loadConfig: send deadline, retries and the fallback relay', () => {
  it('reads SEND_TIMEOUT_MS, SMTP_RETRY_ATTEMPTS, SMTP_FALLBACK_HOST and SMTP_FALLBACK_PORT', () => {
    const c = loadConfig({
      SMTP_HOST: 'smtp.example.com',
      SEND_TIMEOUT_MS: '15000',
      SMTP_DATA_TIMEOUT_MS: '15000', // fits in the deadline: no warning
      SMTP_RETRY_ATTEMPTS: '5',
      SMTP_FALLBACK_HOST: 'smtp2.example.com',
      SMTP_FALLBACK_PORT: '2525',
    })
    expect(c.sendTimeoutMs).toBe(15_000)
    expect(c.smtp.retryAttempts).toBe(5)
    expect(c.smtp.fallback).toEqual({ host: 'smtp2.example.com', port: 2525 })
    expect(c.warnings).toEqual([])
  })

  it("defaults the fallback's port to the primary's", () => {
    expect(loadConfig({ SMTP_HOST: 'a.example.com', SMTP_PORT: '2587', SMTP_FALLBACK_HOST: '[::1]' }).smtp.fallback).toEqual({ host: '::1', port: 2587 })
    expect(loadConfig({ SMTP_HOST: 'a.example.com', SMTP_TLS: 'implicit', SMTP_FALLBACK_HOST: 'b.example.com' }).smtp.fallback?.port).toBe(465)
  })

  it('ignores the fallback, with a warning, when SMTP_HOST is unset (capture relay) or only the port is set', () => {
    const capture = loadConfig({ SMTP_FALLBACK_HOST: 'b.example.com' })
    expect(capture.smtp.fallback).toBeUndefined()
    expect(capture.warnings).toEqual([expect.stringMatching(/^SMTP_FALLBACK_HOST ignored: SMTP_HOST is unset/)])
    const portOnly = loadConfig({ SMTP_HOST: 'a.example.com', SMTP_FALLBACK_PORT: '25' })
    expect(portOnly.smtp.fallback).toBeUndefined()
    expect(portOnly.warnings).toEqual(['SMTP_FALLBACK_PORT ignored: SMTP_FALLBACK_HOST is unset'])
  })

  it('rejects bad values, one line per variable', () => {
    expect(
      issuesOf({ SEND_TIMEOUT_MS: '0', SMTP_RETRY_ATTEMPTS: '0', SMTP_FALLBACK_HOST: 'smtp://b.example.com:25', SMTP_FALLBACK_PORT: '70000' }),
    ).toEqual([
      expect.stringMatching(/^SEND_TIMEOUT_MS: /),
      expect.stringMatching(/^SMTP_RETRY_ATTEMPTS: /),
      expect.stringMatching(/^SMTP_FALLBACK_HOST: must be a host name/),
      expect.stringMatching(/^SMTP_FALLBACK_PORT: /),
    ])
  })
})
