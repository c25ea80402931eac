import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const raw = 'Subject: s\r\n\r\nSECRET-CONTENT\r\n'
const msg = (to: string[]) => ({ envelope: { from: 'a@x.test', to }, raw })

async function connect(extensions: string[], answer: (line: string) => string | undefined) {
  let messages!: Promise<string[]>
  server = await startFakeSmtp((s) => {
    messages = serveHappy(s, extensions, answer)
  })
  const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
  return { conn, messages: () => messages, session: () => server!.sessions[0]! }
}

const rcptRule = (line: string) => {
  if (line.startsWith('RCPT TO:<bad')) return '550 5.1.1 <bad> User unknown\r\n'
  if (line.startsWith('RCPT TO:<busy')) return '450 4.2.1 Mailbox busy\r\n'
  return undefined
}

for (const pipelining of [true, false]) {
  const ext = pipelining ? ['PIPELINING'] : []
  describe(`envelope refusals (${pipelining ? 'pipelined' : 'one command at a time'})`, () => {
    it('550 on MAIL is EENVELOPE; RSET keeps the connection usable', async () => {
      let refuse = true
      const { conn, messages, session } = await connect(ext, (l) => {
        if (l.startsWith('MAIL') && refuse) {
          refuse = false
          return '550 5.7.1 Sender rejected\r\n'
        }
        if (pipelining && refuse === false && l.startsWith('RCPT') && !session().received().includes('RSET')) return '503 5.5.1 need MAIL\r\n'
        if (pipelining && l === 'DATA' && !session().received().includes('RSET')) return '503 5.5.1 no valid recipients\r\n'
        return undefined
      })
      const err = (await conn.send(msg(['b@y.test'])).catch((e: unknown) => e)) as SmtpError
      expect(err).toBeInstanceOf(SmtpError)
      expect(err).toMatchObject({ code: 'EENVELOPE', command: 'MAIL', responseCode: 550, enhancedCode: '5.7.1', transient: false })
      expect(conn.usable).toBe(true)
      expect(session().received()).toContain('RSET\r\n')
      expect(session().received()).not.toContain('SECRET-CONTENT')
      const ok = await conn.send(msg(['b@y.test']))
      expect(ok.accepted).toEqual(['b@y.test'])
      await conn.quit()
      expect(await messages()).toHaveLength(1)
    })

    it('mixed RCPT results: sends to the accepted, reports each rejected', async () => {
      const { conn, messages } = await connect(ext, rcptRule)
      const result = await conn.send(msg(['ok1@y.test', 'bad@y.test', 'busy@y.test', 'ok2@y.test']))
      expect(result.accepted).toEqual(['ok1@y.test', 'ok2@y.test'])
      expect(result.rejected).toEqual([
        { email: 'bad@y.test', code: 550, enhanced_code: '5.1.1', message: '<bad> User unknown' },
        { email: 'busy@y.test', code: 450, enhanced_code: '4.2.1', message: 'Mailbox busy' },
      ])
      await conn.quit()
      expect(await messages()).toEqual([raw + '.\r\n'])
    })

    it('every RCPT rejected is EENVELOPE with the replies, and the content is never sent', async () => {
      const { conn, session } = await connect(ext, (l) => rcptRule(l) ?? (l === 'DATA' ? '554 5.5.1 No valid recipients\r\n' : undefined))
      const err = (await conn.send(msg(['bad@y.test', 'busy@y.test'])).catch((e: unknown) => e)) as SmtpError
      expect(err).toBeInstanceOf(SmtpError)
      expect(err).toMatchObject({ code: 'EENVELOPE', command: 'RCPT', responseCode: 550, recipient: 'bad@y.test', transient: false })
      expect(err.response).toBe('550 5.1.1 <bad> User unknown\n450 4.2.1 Mailbox busy')
      expect(conn.usable).toBe(true)
      await conn.noop()
      await conn.quit()
      expect(session().received()).not.toContain('SECRET-CONTENT')
      if (!pipelining) expect(session().received()).not.toContain('DATA')
    })

    it('all recipients busy (4xx) is a transient EENVELOPE', async () => {
      const { conn } = await connect(ext, (l) => rcptRule(l) ?? (l === 'DATA' ? '554 5.5.1 No valid recipients\r\n' : undefined))
      const err = (await conn.send(msg(['busy@y.test'])).catch((e: unknown) => e)) as SmtpError
      expect(err).toMatchObject({ code: 'EENVELOPE', transient: true, responseCode: 450 })
      await conn.quit()
    })
  })
}

describe('a broken pipelining server that answers 354 after every RCPT failed', () => {
  it('never sends the content: the connection is closed instead', async () => {
    const { conn, session } = await connect(['PIPELINING'], (l) => rcptRule(l))
    const err = (await conn.send(msg(['bad@y.test'])).catch((e: unknown) => e)) as SmtpError
    expect(err).toMatchObject({ code: 'EENVELOPE', command: 'RCPT' })
    expect(conn.usable).toBe(false)
    await session().closed
    expect(session().received()).not.toContain('SECRET-CONTENT')
    expect(session().received()).not.toMatch(/\r\n\.\r\n$/)
  })
})
