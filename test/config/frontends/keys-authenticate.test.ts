import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { loadWorkerConfig } from '../../../src/runtime/workers/config.js'
import { configIssues } from '../config-error.js'

const withKey = JSON.stringify({ keys: [{ name: 'site', secret: 'env:SITE_KEY' }] })
const formsOnly = JSON.stringify({ templates: { t: { subject: 's', text: 't' } }, forms: { f: { to: ['a@example.com'], from: 'b@example.com', template: 't', origins: ['https://example.com'] } } })

describe('keys in MAILBRIDGE_CONFIG authenticate as API_KEYS does', () => {
  it('let HOST be a non-loopback address without API_KEYS', () => {
    expect(loadConfig({ HOST: '0.0.0.0', MAILBRIDGE_CONFIG: withKey, SITE_KEY: 'k' }).host).toBe('0.0.0.0')
  })

  it('but forms and hooks alone do not: /send would be open', () => {
    expect(configIssues({ HOST: '0.0.0.0', MAILBRIDGE_CONFIG: formsOnly })).toEqual([
      'API_KEYS: is required when HOST is not a loopback address (HOST="0.0.0.0"); set API_KEYS or bind to 127.0.0.1',
    ])
  })

  it('meet the Workers requirement of API_KEYS', () => {
    const config = loadWorkerConfig({ SMTP_HOST: 'smtp.example.com', MAILBRIDGE_CONFIG: withKey, SITE_KEY: 'k' })
    expect(config.apiKeys).toBeUndefined()
    expect(config.frontends?.keys.map((k) => k.name)).toEqual(['site'])
    expect(() => loadWorkerConfig({ SMTP_HOST: 'smtp.example.com', MAILBRIDGE_CONFIG: formsOnly })).toThrow(/API_KEYS: is required on Workers/)
  })
})
