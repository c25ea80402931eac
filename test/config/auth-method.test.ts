import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { configError as error } from './config-error.js'

describe('SMTP_AUTH_METHOD', () => {
  const creds = { SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_PASS: 'p' }

  it('unset: no method is forced (the client picks the best the relay offers)', () => {
    expect(loadConfig(creds).smtp.auth).toEqual({ user: 'u', pass: 'p' })
  })

  it('forces one of PLAIN, LOGIN, CRAM-MD5 or XOAUTH2, in any case', () => {
    expect(loadConfig({ ...creds, SMTP_AUTH_METHOD: 'xoauth2' }).smtp.auth).toEqual({ user: 'u', pass: 'p', method: 'XOAUTH2' })
    expect(loadConfig({ ...creds, SMTP_AUTH_METHOD: 'CRAM-MD5' }).smtp.auth?.method).toBe('CRAM-MD5')
  })

  it('refuses an unknown mechanism, naming the ones it takes', () => {
    expect(error({ ...creds, SMTP_AUTH_METHOD: 'GSSAPI' }).message).toBe(
      'SMTP_AUTH_METHOD: must be PLAIN, LOGIN, CRAM-MD5, XOAUTH2 (or unset: the best the relay offers), got "GSSAPI"',
    )
  })

  it('refuses a mechanism without credentials', () => {
    expect(error({ SMTP_HOST: 'h', SMTP_AUTH_METHOD: 'PLAIN' }).message).toMatch(/^SMTP_AUTH_METHOD: needs SMTP_USER and SMTP_PASS/)
  })
})
