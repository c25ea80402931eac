import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

// RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its brackets, so an
// address at most 254; RFC 5321 §4.5.3.1.4: a command line at most 512 octets.

let server: FakeServer
beforeAll(async () => {
  server = await startFakeSmtp((s) => {
    void serveHappy(s, ['PIPELINING', 'SIZE 10000000', '8BITMIME', 'SMTPUTF8'])
  })
})
afterAll(async () => {
  await server.stop()
})

const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(59)}.test` // 192 octets
const longest = `${'l'.repeat(61)}@${domain}` // 254 octets
const raw = 'Subject: é\r\n\r\nbody é\r\n'

describe('envelope address length', () => {
  it('a 254-octet address goes out, and MAIL with every parameter stays within 512 octets', async () => {
    expect(new TextEncoder().encode(longest).length).toBe(254)
    const utf8Longest = `${'ü'.repeat(30)}l@${domain}` // 30×2 + 1 + 1 + 192 = 254 octets
    expect(new TextEncoder().encode(utf8Longest).length).toBe(254)
    const spy = spyingFactory()
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    const result = await client.send({ envelope: { from: utf8Longest, to: [longest] }, raw })
    await client.close()
    expect(result.accepted).toEqual([longest])
    const lines = spy.writes.join('').split('\r\n')
    const mail = lines.find((l) => l.startsWith('MAIL FROM:'))!
    expect(mail).toContain(' SIZE=')
    expect(mail).toContain(' BODY=8BITMIME')
    expect(mail).toContain(' SMTPUTF8')
    for (const l of lines.filter((l) => /^(MAIL|RCPT) /.test(l))) expect(Buffer.byteLength(l, 'latin1') + 2).toBeLessThanOrEqual(512)
  })

  it.each([
    ['sender', { from: `l${longest}`, to: ['b@y.test'] }],
    ['recipient', { from: 'a@x.test', to: ['b@y.test', `l${longest}`] }],
    ['recipient counted in UTF-8 octets', { from: 'a@x.test', to: [`${'ü'.repeat(31)}@${domain}`] }],
  ])('a %s over 254 octets is refused before connecting', async (_what, envelope) => {
    const spy = spyingFactory()
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    const err = await client.send({ envelope, raw }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'EENVELOPE', transient: false })
    expect(spy.connects).toBe(0)
  })
})
