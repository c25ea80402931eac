import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { ehloReply, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { smtpFailure } from './smtp-failure.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const SECRET = 'endless-secret'

describe('a relay that answers every AUTH line with another 334', () => {
  it.each(['LOGIN', 'CRAM-MD5'] as const)('AUTH %s gives up with EAUTH after a few rounds and closes the connection', async (method) => {
    let authLines = 0
    server = await startFakeSmtp(async (s) => {
      s.send('220 fake.test ESMTP\r\n')
      for (;;) {
        const line = await s.line()
        if (line === null) return
        if (line.startsWith('EHLO')) s.send(ehloReply([`AUTH ${method}`]))
        else {
          authLines++
          s.send('334 UGFzc3dvcmQ6\r\n')
        }
      }
    })
    const err = await smtpFailure(
      openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', auth: { user: 'u', pass: SECRET, method } }),
    )
    expect(err).toMatchObject({ code: 'EAUTH', command: 'AUTH', transient: false })
    expect(`${err.message} ${err.response ?? ''}`).not.toContain(SECRET)
    await server.sessions[0]!.closed
    expect(authLines).toBeGreaterThan(1)
    expect(authLines).toBeLessThanOrEqual(5)
  })
})
