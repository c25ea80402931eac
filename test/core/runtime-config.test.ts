import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/load.js'
import { loadRuntimeConfig } from '../../src/core/runtime-config.js'

const rules = {
  runtime: 'Testland',
  ignored: { OUTBOX_DIR: 'nothing is written here' },
  required: { SMTP_HOST: 'there is no capture relay', API_KEYS: 'it is public' },
}

const issuesOf = (env: Record<string, unknown>, extra = {}): string[] => {
  try {
    loadRuntimeConfig(env, { ...rules, ...extra })
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n')
    throw e
  }
  return []
}

describe('loadRuntimeConfig: loadConfig plus a runtime’s rules', () => {
  it('reports the runtime’s requirements with loadConfig’s own problems, in the order of the documentation, one line per variable', () => {
    expect(issuesOf({ SMTP_USER: 'u', MAX_RECIPIENTS: 'many' })).toEqual([
      'SMTP_HOST: is required on Testland: there is no capture relay',
      'SMTP_PASS: SMTP_USER and SMTP_PASS must be set together (or neither)',
      'API_KEYS: is required on Testland: it is public',
      'MAX_RECIPIENTS: must be an integer from 1 to 100000, got "many"',
    ])
  })

  it('names a variable that cannot apply in a warning, and ignores it', () => {
    const config = loadRuntimeConfig({ SMTP_HOST: 'relay.example.com', API_KEYS: 'k', OUTBOX_DIR: '/x' }, rules)
    expect(config.warnings).toEqual(['OUTBOX_DIR does not apply on Testland: nothing is written here'])
    expect(config.outboxDir).toBe('./outbox')
  })

  it('skips values that are not strings (Workers bindings to other resources)', () => {
    const config = loadRuntimeConfig({ SMTP_HOST: 'relay.example.com', API_KEYS: 'k', SMTP_STATE: { idFromName() {} } }, rules)
    expect(config.smtp.host).toBe('relay.example.com')
  })

  it('runs the runtime’s own checks; its message wins over loadConfig’s for the same variable', () => {
    const check = (env: Readonly<Record<string, string>>) => (env.SMTP_PORT === '25' ? [{ variable: 'SMTP_PORT', message: 'not 25 here' }] : [])
    expect(issuesOf({ SMTP_HOST: 'relay.example.com', API_KEYS: 'k', SMTP_PORT: '25' }, { check })).toEqual(['SMTP_PORT: not 25 here'])
  })
})
