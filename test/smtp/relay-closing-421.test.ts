import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const msg = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nCONTENT\r\n' }

for (const [command, pipelining] of [
  ['MAIL', true],
  ['MAIL', false],
  ['RCPT', true],
  ['RCPT', false],
] as const) {
  describe(`421 on ${command} (${pipelining ? 'pipelined' : 'unpipelined'})`, () => {
    it('is a transient ECONNECT with the reply; the connection is closed and the content never sent', async () => {
      server = await startFakeSmtp((s) => {
        void serveHappy(s, pipelining ? ['PIPELINING'] : [], (l) => {
          if (l.startsWith(command)) {
            s.send('421 4.3.2 Shutting down\r\n')
            s.end()
            return ''
          }
          return undefined
        })
      })
      const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
      const err = (await conn.send(msg).catch((e: unknown) => e)) as SmtpError
      expect(err).toBeInstanceOf(SmtpError)
      expect(err).toMatchObject({ code: 'ECONNECT', command, responseCode: 421, enhancedCode: '4.3.2', transient: true })
      expect(conn.usable).toBe(false)
      await server.sessions[0]!.closed
      expect(server.sessions[0]!.received()).not.toContain('CONTENT')
    })
  })
}
