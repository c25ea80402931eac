import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, type SmtpConnectionOptions } from '../../src/smtp/index.js'
import { startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { freePort } from '../helpers/ports.js'
import { smtpFailure } from './smtp-failure.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const opts = (port: number, extra: Partial<SmtpConnectionOptions> = {}): SmtpConnectionOptions => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  ...extra,
})

describe('connecting and the greeting', () => {
  it('a refused connection is ECONNECT and transient', async () => {
    const err = await smtpFailure(openSmtpConnection(opts(await freePort())))
    expect(err.code).toBe('ECONNECT')
    expect(err.command).toBe('CONNECT')
    expect(err.transient).toBe(true)
  })

  it('a silent greeting times out (ETIMEOUT) and the connection is closed', async () => {
    server = await startFakeSmtp(() => undefined)
    const err = await smtpFailure(openSmtpConnection(opts(server.port, { timeouts: { connect: 200 } })))
    expect(err.code).toBe('ETIMEOUT')
    expect(err.command).toBe('GREETING')
    await server.sessions[0]!.closed
  })

  it('the greeting deadline can be set apart from the connect deadline', async () => {
    server = await startFakeSmtp(() => undefined)
    // With only the 60 s connect budget this would outlast the 20 s test timeout.
    const err = await smtpFailure(openSmtpConnection(opts(server.port, { timeouts: { connect: 60_000, greeting: 150 } })))
    expect(err.code).toBe('ETIMEOUT')
    expect(err.command).toBe('GREETING')
    await server.sessions[0]!.closed
  })

  it('a 421 greeting is a transient error carrying the reply', async () => {
    server = await startFakeSmtp((s) => {
      s.send('421 4.3.2 Service not available, closing channel\r\n')
      s.end()
    })
    const err = await smtpFailure(openSmtpConnection(opts(server.port)))
    expect(err).toMatchObject({ code: 'ECONNECT', responseCode: 421, enhancedCode: '4.3.2', command: 'GREETING', transient: true })
    expect(err.response).toBe('421 4.3.2 Service not available, closing channel')
    expect(server.sessions[0]!.received()).toBe('')
  })

  it('a 554 greeting is a permanent error and nothing is sent', async () => {
    server = await startFakeSmtp((s) => s.send('554 No SMTP service here\r\n'))
    const err = await smtpFailure(openSmtpConnection(opts(server.port)))
    expect(err).toMatchObject({ code: 'ECONNECT', responseCode: 554, transient: false })
    expect(server.sessions[0]!.received()).toBe('')
  })

  it('a peer that is not SMTP is a protocol error', async () => {
    server = await startFakeSmtp((s) => s.send('SSH-2.0-OpenSSH_9.6\r\n'))
    const err = await smtpFailure(openSmtpConnection(opts(server.port)))
    expect(err.code).toBe('EPROTOCOL')
    expect(err.command).toBe('GREETING')
  })
})
