import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('loadConfig defaults', () => {
  it('gives every documented default for an empty environment', () => {
    const c = loadConfig({}, { hostname: 'mail.example.com' })
    expect(c).toEqual({
      port: 3000,
      host: '127.0.0.1',
      httpServer: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 },
      smtp: {
        host: undefined,
        port: 587,
        tls: 'starttls',
        auth: undefined,
        caFile: undefined,
        ca: undefined,
        rejectUnauthorized: true,
        trace: false,
        ehloName: 'mail.example.com',
        timeouts: { connect: 10_000, command: 30_000, data: 60_000 },
        poolSize: 5,
        poolMaxMessages: 100,
        retryAttempts: 3,
        fallback: undefined,
      },
      apiKeys: undefined,
      allowedSenders: undefined,
      defaultFrom: undefined,
      maxBodyBytes: 10_485_760,
      maxRecipients: 50,
      maxReplyTo: 10,
      maxHeaders: 50,
      maxHeaderBytes: 16_384,
      corsOrigins: undefined,
      outboxDir: './outbox',
      redisUrl: undefined,
      rateLimitPerMinute: undefined,
      idempotencyTtlSeconds: 86_400,
      sendTimeoutMs: 30_000,
      dkim: undefined,
      delivery: { mode: 'relay', port: 25, tls: 'may', concurrency: 5, allowPrivateAddresses: false, dnsServers: undefined },
      warnings: [],
    })
  })

  it('treats empty and blank values as unset', () => {
    const c = loadConfig({ PORT: '', SMTP_HOST: '  ', API_KEYS: '', OUTBOX_DIR: '' })
    expect(c.port).toBe(3000)
    expect(c.smtp.host).toBeUndefined()
    expect(c.apiKeys).toBeUndefined()
    expect(c.outboxDir).toBe('./outbox')
  })

  it('defaults SMTP_PORT to 465 with implicit TLS and 587 otherwise', () => {
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'implicit' }).smtp.port).toBe(465)
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'none' }).smtp.port).toBe(587)
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'implicit', SMTP_PORT: '2465' }).smtp.port).toBe(2465)
  })

  it('falls back to "localhost" when the machine hostname cannot be an EHLO name', () => {
    expect(loadConfig({}, { hostname: 'my laptop' }).smtp.ehloName).toBe('localhost')
  })
})
