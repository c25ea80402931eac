import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load.js'
import { configError } from './config-error.js'

/** The error lines loadConfig throws for an environment. */
const problems = (env: Record<string, string>): string[] =>
  configError(env, { readFile: () => '-----BEGIN CERTIFICATE-----\n' }).message.split('\n')

const bad: Record<string, string> = {
  PORT: '70000',
  HOST: 'http://example.com',
  SMTP_HOST: 'smtp.example.com:587',
  SMTP_PORT: '0',
  SMTP_TLS: 'ssl',
  SMTP_TLS_REJECT_UNAUTHORIZED: 'maybe',
  SMTP_EHLO_NAME: 'two words',
  SMTP_CONNECT_TIMEOUT_MS: '10s',
  SMTP_COMMAND_TIMEOUT_MS: '-1',
  SMTP_DATA_TIMEOUT_MS: '1.5',
  SMTP_POOL_SIZE: '0',
  SMTP_POOL_MAX_MESSAGES: 'many',
  ALLOWED_SENDERS: 'not an address',
  DEFAULT_FROM: 'nobody',
  MAX_BODY_BYTES: 'lots',
  MAX_RECIPIENTS: '0',
  CORS_ORIGINS: 'https://app.example.com/path',
}

describe('loadConfig rejects bad values', () => {
  for (const [variable, value] of Object.entries(bad)) {
    it(`names ${variable} when it is ${JSON.stringify(value)}`, () => {
      const lines = problems({ [variable]: value })
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(new RegExp(`^${variable}: `))
    })
  }

  it('reports several problems at once, one line each, in the documented order', () => {
    const lines = problems({ SMTP_TLS: 'ssl', PORT: 'x', MAX_RECIPIENTS: '-3', SMTP_USER: 'u' })
    expect(lines.map((l) => l.split(':')[0])).toEqual(['PORT', 'SMTP_TLS', 'SMTP_PASS', 'MAX_RECIPIENTS'])
  })

  it('exposes the problems as structured issues', () => {
    try {
      loadConfig({ PORT: 'x', SMTP_POOL_SIZE: 'y' })
      expect.unreachable()
    } catch (e) {
      expect((e as ConfigError).code).toBe('ECONFIG')
      expect((e as ConfigError).issues.map((i) => i.variable)).toEqual(['PORT', 'SMTP_POOL_SIZE'])
    }
  })

  it('rejects CR or LF in SMTP_EHLO_NAME', () => {
    expect(problems({ SMTP_EHLO_NAME: 'a\r\nMAIL FROM:<x>' })[0]).toMatch(/^SMTP_EHLO_NAME: /)
  })

  it('rejects "*" in CORS_ORIGINS', () => {
    expect(problems({ CORS_ORIGINS: '*' })[0]).toMatch(/^CORS_ORIGINS: .*explicitly/)
  })

  it('rejects a list that names nothing', () => {
    expect(problems({ ALLOWED_SENDERS: ', ,' })[0]).toMatch(/^ALLOWED_SENDERS: /)
  })
})
