import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { spyingFactory, startFakeSmtp, type FakeServer, type FakeSession } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const msg = { envelope: { from: 'a@x.test', to: ['b@y.test', 'c@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }
const tick = () => new Promise((r) => setTimeout(r, 2))

/** Sends `text` one byte per TCP write, waiting between writes so they are not merged. */
async function trickle(s: FakeSession, text: string): Promise<void> {
  for (const ch of text) {
    s.send(ch)
    await tick()
  }
}

describe('reply framing over TCP', () => {
  it('assembles replies split across many TCP chunks', async () => {
    server = await startFakeSmtp(async (s) => {
      await trickle(s, '220-fake.test first\r\n220 second\r\n')
      await s.line()
      await trickle(s, '250-fake.test\r\n250-PIPELINING\r\n250 SIZE 1000000\r\n')
      await s.line() // MAIL
      await s.line() // RCPT
      await s.line() // RCPT
      await s.line() // DATA
      await trickle(s, '250 2.1.0 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n354 go\r\n')
      await s.data()
      await trickle(s, '250-2.0.0 Ok\r\n250 2.0.0 queued as SPLIT42\r\n')
      await s.line()
      s.send('221 bye\r\n')
      s.end()
    })
    const spy = spyingFactory()
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
    expect(conn.capabilities.pipelining).toBe(true)
    expect(conn.capabilities.size).toBe(1000000)
    const result = await conn.send(msg)
    expect(result.accepted).toEqual(['b@y.test', 'c@y.test'])
    expect(result.queueId).toBe('SPLIT42')
    expect(result.response).toBe('250-2.0.0 Ok\n250 2.0.0 queued as SPLIT42')
    // The replies really arrived in pieces.
    expect(spy.reads).toBeGreaterThan(30)
    await conn.quit()
  })

  it('takes many replies from one chunk in order', async () => {
    server = await startFakeSmtp(async (s) => {
      s.send('220 fake.test\r\n')
      await s.line()
      s.send('250-fake.test\r\n250 PIPELINING\r\n')
      for (let i = 0; i < 4; i++) await s.line()
      // MAIL, both RCPTs and DATA answered in a single write.
      s.send('250 ok\r\n550 5.1.1 nope\r\n250 ok\r\n354 go\r\n')
      await s.data()
      s.send('250 ok queued as ONECHUNK\r\n')
      await s.line()
      s.send('221 bye\r\n')
      s.end()
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const result = await conn.send(msg)
    expect(result.accepted).toEqual(['c@y.test'])
    expect(result.rejected.map((r) => [r.email, r.code])).toEqual([['b@y.test', 550]])
    expect(result.queueId).toBe('ONECHUNK')
    await conn.quit()
  })
})
