import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

// mailbridge never asks for delivery status notifications (RFC 3461): with
// DSN advertised, MAIL carries no RET/ENVID and RCPT no NOTIFY/ORCPT, so the
// relay's default applies and nothing extra reaches the sender.

let server: FakeServer
beforeAll(async () => {
  server = await startFakeSmtp((s) => {
    void serveHappy(s, ['DSN', 'PIPELINING', 'ENHANCEDSTATUSCODES'])
  })
})
afterAll(async () => {
  await server.stop()
})

describe('DSN advertised by the relay', () => {
  it('is never requested: bare MAIL FROM and RCPT TO lines', async () => {
    const spy = spyingFactory()
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    expect(conn.capabilities.dsn).toBe(true)
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test', 'c@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' })
    await conn.quit()
    const lines = spy.writes.join('').split('\r\n')
    expect(lines.filter((l) => /^(MAIL|RCPT) /.test(l))).toEqual(['MAIL FROM:<a@x.test>', 'RCPT TO:<b@y.test>', 'RCPT TO:<c@y.test>'])
    expect(spy.writes.join('')).not.toMatch(/NOTIFY=|RET=|ENVID=|ORCPT=/i)
  })
})
