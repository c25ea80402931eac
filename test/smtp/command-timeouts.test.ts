import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const msg = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

describe('per-phase deadlines and abort', () => {
  it('a command reply that never comes is ETIMEOUT and closes the connection', async () => {
    server = await startFakeSmtp(async (s) => {
      // Answers nothing once MAIL arrives.
      await serveHappy(s, [], (l) => (l.startsWith('MAIL') ? '' : undefined))
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: { command: 150 } })
    const err = (await conn.send(msg).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'MAIL', transient: true })
    expect(conn.usable).toBe(false)
    await server.sessions[0]!.closed
  })

  it('an EHLO that is never answered times out with the command deadline', async () => {
    server = await startFakeSmtp((s) => s.send('220 hi\r\n'))
    const err = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: { command: 100 } }).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'EHLO' })
  })

  it('aborting a send closes the connection with EABORTED', async () => {
    server = await startFakeSmtp(async (s) => {
      await serveHappy(s, [], (l) => (l.startsWith('RCPT') ? '' : undefined))
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const ac = new AbortController()
    const p = conn.send(msg, { signal: ac.signal })
    setTimeout(() => ac.abort(), 50)
    await expect(p).rejects.toMatchObject({ code: 'EABORTED' })
    expect(conn.usable).toBe(false)
    await server.sessions[0]!.closed
  })

  it('an already aborted signal stops the connection attempt', async () => {
    server = await startFakeSmtp((s) => s.send('220 hi\r\n'))
    const ac = new AbortController()
    ac.abort()
    await expect(openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' }, ac.signal)).rejects.toMatchObject({
      code: 'EABORTED',
    })
  })
})
