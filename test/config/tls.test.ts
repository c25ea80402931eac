import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load.js'

describe('TLS settings', () => {
  it('warns when certificate checks are off', () => {
    const c = loadConfig({ SMTP_HOST: 'relay.test', SMTP_TLS_REJECT_UNAUTHORIZED: 'false' })
    expect(c.smtp.rejectUnauthorized).toBe(false)
    expect(c.warnings).toEqual([expect.stringMatching(/^SMTP_TLS_REJECT_UNAUTHORIZED=false: /)])
  })

  it('reads SMTP_TLS_CA_FILE through the given reader', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    const seen: string[] = []
    const c = loadConfig({ SMTP_HOST: 'relay.test', SMTP_TLS_CA_FILE: '/ca.pem' }, { readFile: (p) => (seen.push(p), pem) })
    expect(seen).toEqual(['/ca.pem'])
    expect(c.smtp.ca).toBe(pem)
  })

  it('names SMTP_TLS_CA_FILE when the file cannot be read or holds no certificate', () => {
    const missing = () => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' })
    }
    expect(() => loadConfig({ SMTP_TLS_CA_FILE: '/missing.pem' }, { readFile: missing })).toThrow(
      /^SMTP_TLS_CA_FILE: cannot read "\/missing.pem" \(ENOENT\)$/,
    )
    expect(() => loadConfig({ SMTP_TLS_CA_FILE: '/x.pem' }, { readFile: () => 'junk' })).toThrow(/^SMTP_TLS_CA_FILE: .*no PEM/)
    expect(() => loadConfig({ SMTP_TLS_CA_FILE: '/x.pem' })).toThrow(ConfigError)
    expect(() => loadConfig({ SMTP_TLS_CA_FILE: '/x.pem' })).toThrow(/^SMTP_TLS_CA_FILE: cannot be read in this runtime$/)
  })

  it('warns that relay settings are ignored without SMTP_HOST', () => {
    const c = loadConfig({ SMTP_TLS: 'implicit', SMTP_USER: 'u', SMTP_PASS: 'p' })
    expect(c.smtp.host).toBeUndefined()
    expect(c.warnings).toEqual([expect.stringMatching(/^SMTP_TLS, SMTP_USER, SMTP_PASS ignored: SMTP_HOST is unset/)])
  })
})
