import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import type { CaptureRelay } from '../../../src/runtime/node/capture-relay.js'
import { relayConnectionOptions } from '../../../src/runtime/node/server.js'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'

describe('relayConnectionOptions: the relay variables reach the SMTP client', () => {
  it('maps host, port, TLS, credentials, CA, verification, EHLO name and the three timeouts', () => {
    const config = loadConfig(
      {
        SMTP_HOST: 'smtp.example.com',
        SMTP_PORT: '2465',
        SMTP_TLS: 'implicit',
        SMTP_USER: 'mailer',
        SMTP_PASS: 'p4ss',
        SMTP_TLS_CA_FILE: '/etc/ca.pem',
        SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
        SMTP_EHLO_NAME: 'api.example.com',
        SMTP_CONNECT_TIMEOUT_MS: '1111',
        SMTP_COMMAND_TIMEOUT_MS: '2222',
        SMTP_DATA_TIMEOUT_MS: '3333',
      },
      { readFile: () => PEM },
    )
    expect(relayConnectionOptions(config)).toEqual({
      host: 'smtp.example.com',
      port: 2465,
      tls: 'implicit',
      auth: { user: 'mailer', pass: 'p4ss' },
      ca: PEM,
      rejectUnauthorized: false,
      ehloName: 'api.example.com',
      timeouts: { connect: 1111, command: 2222, data: 3333 },
    })
  })

  it('points at the capture relay in clear text, keeping the EHLO name and timeouts, when SMTP_HOST is unset', () => {
    const config = loadConfig({ SMTP_EHLO_NAME: 'dev.example', SMTP_COMMAND_TIMEOUT_MS: '4444' })
    const relay = { host: '127.0.0.1', port: 2525, outboxDir: '/tmp/outbox', close: async () => {} } satisfies CaptureRelay
    expect(relayConnectionOptions(config, relay)).toEqual({
      host: '127.0.0.1',
      port: 2525,
      tls: 'none',
      ehloName: 'dev.example',
      timeouts: { connect: 10_000, command: 4444, data: 60_000 },
    })
    expect(() => relayConnectionOptions(config)).toThrow(/SMTP_HOST is unset/)
  })
})
