import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('misspelt variables', () => {
  it('warns about SMTP_ variables mailbridge does not know, by name only, with the variable meant', () => {
    const c = loadConfig({ SMTP_HOST: 'relay.test', SMTP_PASSWORD: 'hunter2', SMTP_USERNAME: 'me' })
    expect(c.warnings).toEqual([
      'SMTP_PASSWORD is not a mailbridge variable; did you mean SMTP_PASS?',
      'SMTP_USERNAME is not a mailbridge variable; did you mean SMTP_USER?',
    ])
    expect(c.warnings.join()).not.toContain('hunter2')
  })

  it('suggests for near misses outside the SMTP_ prefix, and for typos', () => {
    const c = loadConfig({ API_KEY: 'k', CORS_ORIGIN: 'https://a.example', SMTP_PROT: '25', SMTP_HOST: 'relay.test', HOST: '127.0.0.1' })
    expect(c.warnings).toEqual([
      'API_KEY is not a mailbridge variable; did you mean API_KEYS?',
      'CORS_ORIGIN is not a mailbridge variable; did you mean CORS_ORIGINS?',
      'SMTP_PROT is not a mailbridge variable; did you mean SMTP_PORT?',
    ])
  })

  it('leaves other programs\' variables alone, and names an unknown SMTP_ variable without a guess', () => {
    const c = loadConfig({ HOME: '/root', PATH: '/bin', HOSTNAME: 'box', NODE_ENV: 'production', LOGNAME: 'me', SMTP_FROBNICATE: '1' })
    expect(c.warnings).toEqual(['SMTP_FROBNICATE is not a mailbridge variable (ignored)'])
  })
})
