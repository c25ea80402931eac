import { afterEach, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries, type RetryEvent } from '../../src/smtp/retry.js'
import { serveHappy, startFakeSmtp, type FakeServer, type FakeSession } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

async function relay(script: (s: FakeSession) => Promise<void>, auth = false) {
  server = await startFakeSmtp(script)
  const retries: RetryEvent[] = []
  const pool = createSmtpPool({
    host: '127.0.0.1',
    port: server.port,
    tls: 'none',
    size: 1,
    ...(auth ? { auth: { user: 'u', pass: 'p', method: 'PLAIN' as const } } : {}),
  })
  const mailer = withRetries(pool, { attempts: 5, baseDelayMs: 1, maxDelayMs: 5, onRetry: (e) => retries.push(e) })
  return { mailer, retries }
}

describe('withRetries: what is never retried', () => {
  it('a connection lost after the final dot stays EUNKNOWN_OUTCOME and the message is not sent again', async () => {
    let dots = 0
    const { mailer, retries } = await relay(async (s) => {
      s.send('220 fake.test ESMTP\r\n')
      for (let line = await s.line(); line !== null; line = await s.line()) {
        if (line.startsWith('EHLO')) s.send('250 fake.test\r\n')
        else if (line === 'DATA') {
          s.send('354 go\r\n')
          await s.data()
          dots++
          return s.destroy()
        } else s.send('250 Ok\r\n')
      }
    })
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EUNKNOWN_OUTCOME' })
    expect(dots).toBe(1)
    expect(retries).toHaveLength(0)
    await mailer.close()
  })

  it('a 451 to the final dot is not retried (nothing after the dot is)', async () => {
    const { mailer, retries } = await relay((s) => serveHappy(s, [], (l) => (l === '.' ? '451 4.3.0 try later\r\n' : undefined)).then(() => {}))
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EMESSAGE', command: 'MESSAGE', responseCode: 451 })
    expect(retries).toHaveLength(0)
    expect(server!.sessions).toHaveLength(1)
    await mailer.close()
  })

  it('a permanent 550 on RCPT is not retried', async () => {
    const { mailer, retries } = await relay((s) => serveHappy(s, [], (l) => (l.startsWith('RCPT') ? '550 5.1.1 unknown user\r\n' : undefined)).then(() => {}))
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EENVELOPE', responseCode: 550 })
    expect(retries).toHaveLength(0)
    await mailer.close()
  })

  it('a refused AUTH is not retried, even with a 4xx', async () => {
    const { mailer, retries } = await relay(
      (s) =>
        serveHappy(s, ['AUTH PLAIN'], (l) => (l.startsWith('AUTH') ? '454 4.7.0 temporary authentication failure\r\n' : undefined)).then(() => {}),
      true,
    )
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EAUTH' })
    expect(retries).toHaveLength(0)
    expect(server!.sessions).toHaveLength(1)
    await mailer.close()
  })
})
