import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const refuseEhlo = (line: string) => (line.startsWith('EHLO') ? '502 5.5.1 EHLO not implemented\r\n' : undefined)

describe('EHLO refused', () => {
  it('falls back to HELO when TLS is not required, and sends without extensions', async () => {
    let messages: Promise<string[]> | undefined
    server = await startFakeSmtp((s) => {
      messages = serveHappy(s, [], refuseEhlo)
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', ehloName: 'me.test' })
    expect(conn.capabilities.helo).toBe(true)
    const result = await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: x\r\n\r\nhi\r\n' })
    expect(result.queueId).toBe('FAKE1')
    await conn.quit()
    const received = server.sessions[0]!.received()
    expect(received).toContain('EHLO me.test\r\nHELO me.test\r\n')
    expect(received).toContain('MAIL FROM:<a@x.test>\r\n')
    expect(await messages).toEqual(['Subject: x\r\n\r\nhi\r\n.\r\n'])
  })

  it('never falls back to HELO when STARTTLS is required', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, [], refuseEhlo)
    })
    const err = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'starttls' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ETLS', command: 'EHLO', responseCode: 502 })
    await server.sessions[0]!.closed
    expect(server.sessions[0]!.received()).not.toContain('HELO')
  })

  it('refuses AUTH on a HELO session', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, [], refuseEhlo)
    })
    const err = await openSmtpConnection({
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      auth: { user: 'u', pass: 'p' },
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'EAUTH' })
    await server.sessions[0]!.closed
    expect(server.sessions[0]!.received()).not.toContain('AUTH')
  })
})
