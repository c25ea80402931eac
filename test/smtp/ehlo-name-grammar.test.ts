import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { isEhloName } from '../../src/smtp/envelope.js'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { spyingFactory } from '../helpers/fake-smtp.js'

const good = ['mail.example.com', 'localhost', 'host-1.example', 'build_42.internal', 'example.com.', '[192.0.2.1]', '[IPv6:2001:db8::1]']
const bad = ['', 'two words', 'a..b', '-lead.example', 'trail-.example', 'héllo.example', 'x'.repeat(64) + '.example', '[300.1.1.1]', '[2001:db8::1]', 'a,b', 'host:25', 'a@b']

describe('the EHLO name follows RFC 5321 (a domain or an address literal)', () => {
  it.each(good)('%j is accepted by the client and by config', (name) => {
    expect(isEhloName(name)).toBe(true)
    expect(loadConfig({ SMTP_EHLO_NAME: name }).smtp.ehloName).toBe(name)
  })

  // An empty variable counts as unset in config (the machine's name is used).
  it.each(bad.filter((n) => n !== ''))('%j is refused by config with a line naming the variable', (name) => {
    expect(isEhloName(name)).toBe(false)
    expect(() => loadConfig({ SMTP_EHLO_NAME: name })).toThrow(/^SMTP_EHLO_NAME: /m)
  })

  it.each(bad)('%j is refused by the client before it connects', async (name) => {
    const spy = spyingFactory()
    const err = await openSmtpConnection({ host: '127.0.0.1', port: 1, tls: 'none', ehloName: name, connect: spy.factory }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'EPROTOCOL', command: 'EHLO' })
    expect(spy.connects).toBe(0)
  })
})
