import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer
beforeAll(async () => {
  server = await startFakeSmtp((s) => {
    void serveHappy(s, ['PIPELINING', 'SMTPUTF8'])
  })
})
afterAll(async () => {
  await server.stop()
})

const raw = 'Subject: s\r\n\r\nbody\r\n'
const evil = ['a@x.test\r\nRCPT TO:<victim@y.test>', 'a@x.test\nDATA', 'a@x.test\rQUIT', 'a@x.test\0', 'a@x.test>\tSIZE=1', '<a@x.test>']

describe('command injection through addresses and the EHLO name', () => {
  it.each(evil)('a sender %j is refused before any byte is written', async (from) => {
    const spy = spyingFactory()
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    const err = await client.send({ envelope: { from, to: ['b@y.test'] }, raw }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'EENVELOPE', transient: false })
    expect(spy.connects).toBe(0)
    expect(spy.writes).toEqual([])
  })

  it.each(evil)('a recipient %j is refused on an open connection before any byte is written', async (rcpt) => {
    const spy = spyingFactory()
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    const writes = spy.writes.length
    const err = await conn.send({ envelope: { from: 'a@x.test', to: ['ok@y.test', rcpt] }, raw }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'EENVELOPE', command: 'RCPT' })
    expect(spy.writes.length).toBe(writes)
    expect(conn.usable).toBe(true)
    await conn.quit()
  })

  it.each(['client.test\r\nMAIL FROM:<x@y>', 'client.test\n', 'client\0.test', 'client test', ''])(
    'an EHLO name %j is refused before connecting',
    async (ehloName) => {
      const spy = spyingFactory()
      const err = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', ehloName, connect: spy.factory }).catch(
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(SmtpError)
      expect(err).toMatchObject({ command: 'EHLO', transient: false })
      expect(spy.connects).toBe(0)
    },
  )

  it('credentials with CR/LF are refused before connecting (EAUTH)', async () => {
    const spy = spyingFactory()
    const err = await openSmtpConnection({
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      auth: { user: 'u\r\nMAIL FROM:<x@y>', pass: 'p' },
      connect: spy.factory,
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'EAUTH' })
    expect(spy.connects).toBe(0)
  })

  it('an empty recipient list is refused', async () => {
    const spy = spyingFactory()
    const client = createSmtpClient({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    await expect(client.send({ envelope: { from: 'a@x.test', to: [] }, raw })).rejects.toMatchObject({ code: 'EENVELOPE' })
    expect(spy.connects).toBe(0)
  })
})
