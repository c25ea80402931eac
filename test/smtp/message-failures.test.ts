import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { ehloReply, serveHappy, startFakeSmtp, type FakeServer, type FakeSession } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const msg = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

async function sendAgainst(finalReply: string) {
  let messages!: Promise<string[]>
  server = await startFakeSmtp((s) => {
    messages = serveHappy(s, ['PIPELINING'], (l) => (l === '.' ? finalReply : undefined))
  })
  const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
  const err = (await conn.send(msg).catch((e: unknown) => e)) as SmtpError
  return { conn, err, messages: () => messages }
}

/** Serves greeting, EHLO, MAIL, RCPT, DATA, reads the content, then hands over to `after`. */
async function untilContent(s: FakeSession, after: (s: FakeSession) => void | Promise<void>) {
  s.send('220 fake.test\r\n')
  await s.line()
  s.send(ehloReply(['PIPELINING']))
  for (const reply of ['250 ok\r\n', '250 ok\r\n', '354 go\r\n']) {
    await s.line()
    s.send(reply)
  }
  await s.data()
  await after(s)
}

describe('refusals and losses at the final dot', () => {
  it('552 at the final dot is ESIZE (permanent); the connection stays usable', async () => {
    const { conn, err } = await sendAgainst('552 5.3.4 Message size exceeds fixed limit\r\n')
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ESIZE', command: 'MESSAGE', responseCode: 552, enhancedCode: '5.3.4', transient: false })
    expect(conn.usable).toBe(true)
    await conn.quit()
  })

  it('554 at the final dot is EMESSAGE (permanent)', async () => {
    const { conn, err } = await sendAgainst('554 5.7.1 Spam detected\r\n')
    expect(err).toMatchObject({ code: 'EMESSAGE', command: 'MESSAGE', responseCode: 554, transient: false })
    await conn.quit()
  })

  it('451 at the final dot is a transient EMESSAGE', async () => {
    const { conn, err } = await sendAgainst('451 4.3.0 Try again later\r\n')
    expect(err).toMatchObject({ code: 'EMESSAGE', responseCode: 451, transient: true })
    await conn.quit()
  })

  it('421 at the final dot is a transient EMESSAGE (the relay refused it) and closes the connection', async () => {
    const { conn, err } = await sendAgainst('421 4.3.2 Shutting down\r\n')
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'EMESSAGE', command: 'MESSAGE', responseCode: 421, transient: true })
    expect(conn.usable).toBe(false)
    await server!.sessions[0]!.closed
  })

  it('connection lost after the final dot is EUNKNOWN_OUTCOME and the connection is unusable', async () => {
    server = await startFakeSmtp((s) => untilContent(s, (s) => s.destroy()))
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const err = (await conn.send(msg).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE', transient: false })
    expect(conn.usable).toBe(false)
    await expect(conn.send(msg)).rejects.toMatchObject({ code: 'ECONNECT' })
  })

  it('no reply to the final dot within the data timeout is EUNKNOWN_OUTCOME and closes the connection', async () => {
    server = await startFakeSmtp((s) => untilContent(s, () => undefined))
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: { data: 150 } })
    const err = (await conn.send(msg).catch((e: unknown) => e)) as SmtpError
    expect(err).toMatchObject({ code: 'EUNKNOWN_OUTCOME' })
    expect((err.cause as SmtpError).code).toBe('ETIMEOUT')
    expect(conn.usable).toBe(false)
    await server.sessions[0]!.closed
  })
})
