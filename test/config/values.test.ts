import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('loadConfig parses every variable', () => {
  it('reads a full relay configuration', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        SMTP_HOST: 'smtp.example.com',
        SMTP_PORT: '2525',
        SMTP_TLS: 'STARTTLS',
        SMTP_USER: 'mailer@example.com',
        SMTP_PASS: ' pass with spaces ',
        SMTP_TLS_CA_FILE: '/etc/ca.pem',
        SMTP_TLS_REJECT_UNAUTHORIZED: 'true',
        SMTP_EHLO_NAME: 'api.example.com',
        SMTP_CONNECT_TIMEOUT_MS: '1000',
        SMTP_COMMAND_TIMEOUT_MS: '2000',
        SMTP_DATA_TIMEOUT_MS: '3000',
        SMTP_POOL_SIZE: '2',
        SMTP_POOL_MAX_MESSAGES: '7',
        API_KEYS: 'key-one, key-two,,',
        ALLOWED_SENDERS: 'ada@example.com, @example.org',
        DEFAULT_FROM: 'Ada <ada@example.com>',
        MAX_BODY_BYTES: '1024',
        MAX_RECIPIENTS: '3',
        CORS_ORIGINS: 'https://App.Example.com/, http://localhost:5173',
        OUTBOX_DIR: '/tmp/out',
      },
      { readFile: () => '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    )
    expect(c.port).toBe(8080)
    expect(c.host).toBe('0.0.0.0')
    expect(c.smtp).toMatchObject({
      host: 'smtp.example.com',
      port: 2525,
      tls: 'starttls',
      auth: { user: 'mailer@example.com', pass: ' pass with spaces ' },
      caFile: '/etc/ca.pem',
      rejectUnauthorized: true,
      ehloName: 'api.example.com',
      timeouts: { connect: 1000, command: 2000, data: 3000 },
      poolSize: 2,
      poolMaxMessages: 7,
    })
    expect(c.smtp.ca).toContain('BEGIN CERTIFICATE')
    expect(c.apiKeys).toEqual(['key-one', 'key-two'])
    expect(c.allowedSenders).toEqual(['ada@example.com', '@example.org'])
    expect(c.defaultFrom).toBe('Ada <ada@example.com>')
    expect(c.maxBodyBytes).toBe(1024)
    expect(c.maxRecipients).toBe(3)
    expect(c.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173'])
    expect(c.outboxDir).toBe('/tmp/out')
    expect(c.warnings).toEqual([])
  })

  it('accepts the boolean spellings of SMTP_TLS_REJECT_UNAUTHORIZED', () => {
    for (const [v, want] of [['false', false], ['0', false], ['FALSE', false], ['no', false], ['1', true], ['yes', true]] as const)
      expect(loadConfig({ SMTP_HOST: 'h', SMTP_TLS_REJECT_UNAUTHORIZED: v }).smtp.rejectUnauthorized).toBe(want)
  })

  it('strips brackets from an IPv6 literal HOST', () => {
    expect(loadConfig({ HOST: '[::1]' }).host).toBe('::1')
  })
})
