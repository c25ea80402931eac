import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { smtpFailure } from './smtp-failure.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const raw = 'Subject: s\r\n\r\nSECRET-CONTENT\r\n'
const msg = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw }

for (const pipelining of [true, false]) {
  describe(`DATA refused with recipients accepted (${pipelining ? 'pipelined' : 'one command at a time'})`, () => {
    it('a 554 to DATA is EMESSAGE naming DATA; the content is never sent and RSET keeps the connection usable', async () => {
      let refuse = true
      let messages!: Promise<string[]>
      server = await startFakeSmtp((s) => {
        messages = serveHappy(s, pipelining ? ['PIPELINING'] : [], (l) => {
          if (l !== 'DATA' || !refuse) return undefined
          refuse = false
          return '554 5.3.0 Transaction failed\r\n'
        })
      })
      const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
      const err = await smtpFailure(conn.send(msg))
      expect(err).toMatchObject({ code: 'EMESSAGE', command: 'DATA', responseCode: 554, enhancedCode: '5.3.0', transient: false })
      expect(conn.usable).toBe(true)
      const session = server.sessions[0]!
      expect(session.received()).toMatch(/\r\nDATA\r\nRSET\r\n$/)
      expect(session.received()).not.toContain('SECRET-CONTENT')
      await expect(conn.send(msg)).resolves.toMatchObject({ accepted: ['b@y.test'] })
      await conn.quit()
      expect(await messages).toEqual([raw + '.\r\n'])
    })

    it('a 421 to DATA is a transient ECONNECT and closes the connection before any content', async () => {
      server = await startFakeSmtp((s) => {
        void serveHappy(s, pipelining ? ['PIPELINING'] : [], (l) => (l === 'DATA' ? '421 4.3.2 Shutting down\r\n' : undefined))
      })
      const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
      const err = await smtpFailure(conn.send(msg))
      expect(err).toMatchObject({ code: 'ECONNECT', command: 'DATA', responseCode: 421, transient: true })
      expect(conn.usable).toBe(false)
      await server.sessions[0]!.closed
      expect(server.sessions[0]!.received()).not.toContain('SECRET-CONTENT')
      expect(server.sessions[0]!.received()).not.toContain('RSET')
    })
  })
}
