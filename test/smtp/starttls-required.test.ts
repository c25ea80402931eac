import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { ehloReply, serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { RELAY_PASS, RELAY_USER, startRelay } from '../helpers/smtp-server-relay.js'
import { otherCert, otherKey, testCert, testKey } from '../helpers/tls.js'
import { smtpFailure } from './smtp-failure.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const auth = { user: 'user', pass: 'never-sent' }

describe('STARTTLS required', () => {
  it('fails with ETLS before AUTH when the relay does not offer STARTTLS', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['AUTH PLAIN LOGIN', 'PIPELINING'])
    })
    const err = await smtpFailure(openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'starttls', auth }))
    expect(err).toMatchObject({ code: 'ETLS', command: 'STARTTLS', transient: false })
    await server.sessions[0]!.closed
    const received = server.sessions[0]!.received()
    expect(received).not.toContain('AUTH')
    expect(received).not.toContain('never-sent')
  })

  it('fails with ETLS when the relay refuses STARTTLS, never continuing in clear text', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['STARTTLS', 'AUTH PLAIN'], (l) => (l === 'STARTTLS' ? '454 4.7.0 TLS not available\r\n' : undefined))
    })
    const err = await smtpFailure(openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'starttls', auth }))
    expect(err).toMatchObject({ code: 'ETLS', command: 'STARTTLS', responseCode: 454 })
    await server.sessions[0]!.closed
    expect(server.sessions[0]!.received()).not.toContain('AUTH')
  })

  it('rejects a certificate it does not trust (ETLS, permanent)', async () => {
    const relay = await startRelay({ key: otherKey, cert: otherCert })
    try {
      const err = await smtpFailure(
        openSmtpConnection({ host: '127.0.0.1', port: relay.port, tls: 'starttls', ca: testCert, auth: { user: RELAY_USER, pass: RELAY_PASS } }),
      )
      expect(err.code).toBe('ETLS')
      expect(err.command).toBe('STARTTLS')
      expect(err.transient).toBe(false)
      expect(relay.authMethods).toEqual([])
    } finally {
      await relay.stop()
    }
  })

  it('discards bytes received before the handshake and sends EHLO again', async () => {
    server = await startFakeSmtp(async (s) => {
      s.send('220 fake.test ESMTP\r\n')
      await s.line()
      s.send(ehloReply(['STARTTLS']))
      await s.line()
      // A man-in-the-middle injects a reply in clear text right behind the 220.
      s.send('220 2.0.0 Ready\r\n250-injected\r\n250 AUTH PLAIN\r\n')
      await s.startTls(testKey, testCert)
      const ehlo = await s.line()
      s.send(ehloReply(['SIZE 4242', 'AUTH LOGIN'], `secure ${ehlo}`))
      await s.line()
      s.send('221 bye\r\n')
      s.end()
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'starttls', ca: testCert })
    expect(conn.secure).toBe(true)
    expect(conn.capabilities.size).toBe(4242)
    expect(conn.capabilities.auth).toEqual(['LOGIN'])
    expect(conn.usable).toBe(true)
    await conn.quit()
  })
})
