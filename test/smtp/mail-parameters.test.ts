import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function open(extensions: string[]) {
  server = await startFakeSmtp((s) => {
    void serveHappy(s, extensions)
  })
  const spy = spyingFactory()
  const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
  return { conn, spy }
}

const ascii = 'Subject: s\r\n\r\nplain\r\n'

describe('MAIL FROM parameters', () => {
  it('declares SIZE= when advertised, and BODY=8BITMIME only for 8-bit content', async () => {
    const { conn, spy } = await open(['SIZE 100000', '8BITMIME'])
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: ascii })
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nGrüße\r\n' })
    const mails = spy.writes.filter((w) => w.startsWith('MAIL'))
    expect(mails).toEqual([`MAIL FROM:<a@x.test> SIZE=${ascii.length}\r\n`, `MAIL FROM:<a@x.test> SIZE=${Buffer.byteLength('Subject: s\r\n\r\nGrüße\r\n')} BODY=8BITMIME\r\n`])
    await conn.quit()
  })

  it('refuses locally (ESIZE) a message over the advertised SIZE, and the connection stays usable', async () => {
    const { conn, spy } = await open(['SIZE 100'])
    const writes = spy.writes.length
    const err = (await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'x'.repeat(200) }).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ESIZE', transient: false })
    expect(spy.writes.length).toBe(writes)
    expect(conn.usable).toBe(true)
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'small\r\n' })
    await conn.quit()
  })

  it('a 552 to MAIL (the relay applying its own size limit) is ESIZE, permanent, and the content is never sent', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['SIZE 100000'], (l) => (l.startsWith('MAIL') ? '552 5.3.4 Message size exceeds fixed maximum message size\r\n' : undefined))
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const err = (await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: ascii }).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ESIZE', command: 'MAIL', responseCode: 552, enhancedCode: '5.3.4', transient: false })
    expect(conn.usable).toBe(true)
    expect(server.sessions[0]!.received()).not.toContain('plain')
    await conn.quit()
  })

  it('adds SMTPUTF8 when an address is non-ASCII and the relay offers it', async () => {
    const { conn, spy } = await open(['SMTPUTF8', '8BITMIME'])
    await conn.send({ envelope: { from: 'jörg@x.test', to: ['b@y.test'] }, raw: ascii })
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: ascii, smtputf8: true })
    expect(spy.writes.filter((w) => w.startsWith('MAIL'))).toEqual([
      'MAIL FROM:<jörg@x.test> SMTPUTF8\r\n',
      'MAIL FROM:<a@x.test> SMTPUTF8\r\n',
    ])
    await conn.quit()
  })

  it('refuses a non-ASCII address (EENVELOPE) when the relay lacks SMTPUTF8, before any byte', async () => {
    const { conn, spy } = await open(['8BITMIME'])
    const writes = spy.writes.length
    const err = await conn.send({ envelope: { from: 'a@x.test', to: ['пользователь@y.test'] }, raw: ascii }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'EENVELOPE', transient: false })
    expect(spy.writes.length).toBe(writes)
    await conn.quit()
  })
})
