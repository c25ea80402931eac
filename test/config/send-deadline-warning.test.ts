import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'

describe('SMTP_DATA_TIMEOUT_MS longer than SEND_TIMEOUT_MS', () => {
  it('warns when either is set so that the data timeout can never apply', () => {
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_DATA_TIMEOUT_MS: '120000' }).warnings).toEqual([
      'SMTP_DATA_TIMEOUT_MS=120000 is cut to SEND_TIMEOUT_MS=30000: a relay slower than that to confirm a message gets 504 delivery_unknown',
    ])
    expect(loadConfig({ SMTP_HOST: 'h', SEND_TIMEOUT_MS: '10000' }).warnings).toEqual([
      expect.stringMatching(/^SMTP_DATA_TIMEOUT_MS=60000 is cut to SEND_TIMEOUT_MS=10000: /),
    ])
  })

  it('stays quiet when the data timeout fits in the send deadline, or when neither is set (the documented defaults)', () => {
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_DATA_TIMEOUT_MS: '20000' }).warnings).toEqual([])
    expect(loadConfig({ SMTP_HOST: 'h', SEND_TIMEOUT_MS: '90000' }).warnings).toEqual([])
    expect(loadConfig({ SMTP_HOST: 'h' }).warnings).toEqual([])
  })
})
