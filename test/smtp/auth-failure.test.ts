import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { RELAY_USER, startRelay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const SECRET = 'hunter2-very-secret'

function expectNoSecret(err: SmtpError): void {
  const all = [err.message, err.response ?? '', JSON.stringify(err), String(err.stack)].join('\n')
  expect(all).not.toContain(SECRET)
  expect(all).not.toContain(Buffer.from(`\0${RELAY_USER}\0${SECRET}`).toString('base64'))
  expect(all).not.toContain(Buffer.from(SECRET).toString('base64'))
}

describe('AUTH refused', () => {
  it('535 from a scripted relay is EAUTH with the reply, never the credentials', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['AUTH PLAIN LOGIN'], (l) => (l.startsWith('AUTH') ? '535 5.7.8 Authentication credentials invalid\r\n' : undefined))
    })
    const err = (await openSmtpConnection({
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      auth: { user: RELAY_USER, pass: SECRET },
    }).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err).toMatchObject({ code: 'EAUTH', command: 'AUTH', responseCode: 535, enhancedCode: '5.7.8', transient: false })
    expect(err.response).toBe('535 5.7.8 Authentication credentials invalid')
    expectNoSecret(err)
  })

  it.each(['PLAIN', 'LOGIN'] as const)('a wrong password over AUTH %s at smtp-server is EAUTH', async (method) => {
    const relay = await startRelay()
    try {
      const err = (await openSmtpConnection({
        host: '127.0.0.1',
        port: relay.port,
        tls: 'starttls',
        ca: testCert,
        auth: { user: RELAY_USER, pass: SECRET, method },
      }).catch((e: unknown) => e)) as SmtpError
      expect(err).toBeInstanceOf(SmtpError)
      expect(err.code).toBe('EAUTH')
      expect(err.responseCode).toBe(535)
      expect(relay.authMethods).toEqual([method])
      expectNoSecret(err)
    } finally {
      await relay.stop()
    }
  })

  it('a relay offering no usable mechanism is EAUTH before any AUTH line', async () => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['AUTH GSSAPI NTLM'])
    })
    const err = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', auth: { user: 'u', pass: SECRET } }).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ code: 'EAUTH' })
    await server.sessions[0]!.closed
    expect(server.sessions[0]!.received()).not.toContain('AUTH')
  })

  it('CRAM-MD5 is preferred and answered correctly', async () => {
    server = await startFakeSmtp((s) => {
      let step = 0
      void serveHappy(s, ['AUTH PLAIN LOGIN CRAM-MD5'], (l) => {
        if (l === 'AUTH CRAM-MD5') return `334 ${Buffer.from('<1896.697170952@postoffice.reston.mci.net>').toString('base64')}\r\n`
        if (step === 0 && !/^(EHLO|QUIT)/.test(l)) {
          step++
          const ok = Buffer.from(l, 'base64').toString() === 'tim b913a602c7eda7a495b4e6e7334d3890'
          return ok ? '235 2.7.0 ok\r\n' : '535 no\r\n'
        }
        return undefined
      })
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', auth: { user: 'tim', pass: 'tanstaaftanstaaf' } })
    expect(conn.usable).toBe(true)
    await conn.quit()
  })

  it('a refused XOAUTH2 token: the JSON error challenge is answered with an empty line, then EAUTH', async () => {
    const lines: string[] = []
    server = await startFakeSmtp((s) => {
      void serveHappy(s, ['AUTH PLAIN XOAUTH2'], (l) => {
        lines.push(l)
        if (l.startsWith('AUTH XOAUTH2 ')) return `334 ${Buffer.from('{"status":"401","schemes":"bearer"}').toString('base64')}\r\n`
        if (l === '') return '535 5.7.8 Username and Password not accepted\r\n'
        return undefined
      })
    })
    const err = (await openSmtpConnection({
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      auth: { user: 'me@x.test', pass: SECRET, method: 'XOAUTH2' },
    }).catch((e: unknown) => e)) as SmtpError
    expect(err).toMatchObject({ code: 'EAUTH', responseCode: 535 })
    expect(lines.filter((l) => l === '')).toHaveLength(1)
    expectNoSecret(err)
  })
})
