import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { configError as error } from './config-error.js'

describe('SMTP_USER and SMTP_PASS', () => {
  it('requires both or neither', () => {
    expect(error({ SMTP_HOST: 'h', SMTP_USER: 'u' }).message).toMatch(/^SMTP_PASS: .*together/)
    expect(error({ SMTP_HOST: 'h', SMTP_PASS: 'p' }).message).toMatch(/^SMTP_USER: .*together/)
    expect(loadConfig({ SMTP_HOST: 'h' }).smtp.auth).toBeUndefined()
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_PASS: 'p' }).smtp.auth).toEqual({ user: 'u', pass: 'p' })
  })

  it('never puts credentials or API keys in the error text', () => {
    const e = error({
      SMTP_HOST: 'h',
      SMTP_USER: 'secret-user\u0001',
      SMTP_PASS: 'hunter2-secret\r\n',
      API_KEYS: 'good-key, bad key-secret',
      PORT: 'nope',
    })
    expect(e.message.split('\n').map((l) => l.split(':')[0])).toEqual(['PORT', 'SMTP_USER', 'SMTP_PASS', 'API_KEYS'])
    for (const secret of ['secret', 'hunter2', 'good-key', 'bad key']) expect(e.message).not.toContain(secret)
    expect(JSON.stringify(e.issues)).not.toContain('secret')
  })

  it('warns, without the password, when credentials would cross a network in clear text', () => {
    const c = loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'none', SMTP_USER: 'u', SMTP_PASS: 'hunter2' })
    expect(c.warnings).toEqual([expect.stringMatching(/^SMTP_TLS=none: /)])
    expect(c.warnings.join()).not.toContain('hunter2')
  })
})

describe('API_KEYS off loopback', () => {
  it('refuses to start without API_KEYS when HOST is not loopback', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com'])
      expect(error({ HOST: host }).message).toMatch(/^API_KEYS: is required when HOST is not a loopback address/)
    expect(loadConfig({ HOST: '0.0.0.0', API_KEYS: 'k' }).apiKeys).toEqual(['k'])
  })

  it('allows no API_KEYS on loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1'])
      expect(loadConfig({ HOST: host }).apiKeys).toBeUndefined()
  })
})
