import { describe, expect, it } from 'vitest'
import { earlyRelayAddress } from '../../../src/runtime/node/early-relay.js'

/** Where `npm start` connects before loading mailbridge: the relay the variables name, read as the configuration reads them, only over plain TCP. */
describe('earlyRelayAddress', () => {
  it('is SMTP_HOST on SMTP_PORT, 587 by default, trimmed', () => {
    expect(earlyRelayAddress({ SMTP_HOST: ' smtp.example.com ', SMTP_PORT: ' 2525 ' })).toEqual({ host: 'smtp.example.com', port: 2525 })
    expect(earlyRelayAddress({ SMTP_HOST: '127.0.0.1' })).toEqual({ host: '127.0.0.1', port: 587 })
    expect(earlyRelayAddress({ SMTP_HOST: '10.0.0.1', SMTP_TLS: 'NONE', DELIVERY_MODE: 'Relay' })).toEqual({ host: '10.0.0.1', port: 587 })
  })

  it('is nothing without a relay over plain TCP: capture relay, direct delivery, implicit TLS', () => {
    expect(earlyRelayAddress({})).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: '  ' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', DELIVERY_MODE: 'mx' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'implicit' })).toBeUndefined()
  })

  it('is nothing for values the configuration rejects or rewrites', () => {
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: '0' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: '70000' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: '25x' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: '[::1]' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp://smtp.example.com' })).toBeUndefined()
    expect(earlyRelayAddress({ SMTP_HOST: 'smtp.example.com', SMTP_TLS: 'sometimes' })).toBeUndefined()
  })
})
