import { afterEach, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries, type RetryEvent } from '../../src/smtp/retry.js'
import { serveHappy, startFakeSmtp, type FakeServer, type FakeSession } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test', 'c@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

/** Starts a relay whose n-th connection (0-based) runs `script(n, session)`; returns the delivered messages. */
async function relay(script: (n: number, s: FakeSession, delivered: string[]) => Promise<void>) {
  const delivered: string[] = []
  let n = 0
  server = await startFakeSmtp((s) => script(n++, s, delivered))
  const retries: RetryEvent[] = []
  const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', size: 1 })
  const mailer = withRetries(pool, { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 10_000, onRetry: (e) => retries.push(e) })
  return { mailer, delivered, retries }
}

/** A plain session; each final dot it answers 250 counts as one delivery. */
const happy = async (s: FakeSession, delivered: string[], answer: (l: string) => string | undefined = () => undefined) => {
  await serveHappy(s, ['PIPELINING'], (l) => {
    if (l !== '.') return answer(l)
    delivered.push('message')
    return undefined
  })
}

describe('withRetries over a real connection: transient failures before hand-over are retried', () => {
  it('a 421 greeting, then success on a new connection', async () => {
    const { mailer, delivered, retries } = await relay(async (n, s, d) => {
      if (n === 0) {
        s.send('421 4.3.2 try again later\r\n')
        s.end()
        return
      }
      await happy(s, d)
    })
    const result = await mailer.send(message)
    expect(result.accepted).toEqual(['b@y.test', 'c@y.test'])
    expect(delivered).toHaveLength(1)
    expect(retries.map((r) => [r.attempt, r.error.code, r.error.command, r.error.responseCode])).toEqual([[1, 'ECONNECT', 'GREETING', 421]])
    await mailer.close()
  })

  it('a connection reset before the greeting, then success', async () => {
    const { mailer, delivered, retries } = await relay(async (n, s, d) => {
      if (n === 0) return s.destroy()
      await happy(s, d)
    })
    await mailer.send(message)
    expect(delivered).toHaveLength(1)
    expect(retries).toHaveLength(1)
    await mailer.close()
  })

  it('451 on MAIL, then success', async () => {
    let first = true
    const { mailer, delivered, retries } = await relay((_n, s, d) =>
      happy(s, d, (l) => {
        if (l.startsWith('MAIL') && first) {
          first = false
          return '451 4.3.0 local problem\r\n'
        }
        // the pipelined RCPTs and DATA of the refused transaction
        if (!first && delivered.length === 0 && /^(RCPT|DATA)/.test(l) && !s.received().includes('RSET')) return '503 5.5.1 need MAIL\r\n'
        return undefined
      }),
    )
    await mailer.send(message)
    expect(delivered).toHaveLength(1)
    expect(retries.map((r) => [r.error.code, r.error.command, r.error.responseCode])).toEqual([['EENVELOPE', 'MAIL', 451]])
    await mailer.close()
  })

  it('452 on every RCPT, then success', async () => {
    let refusals = 2
    const { mailer, delivered, retries } = await relay((_n, s, d) =>
      happy(s, d, (l) => {
        if (l.startsWith('RCPT') && refusals > 0) {
          refusals--
          return '452 4.5.3 too many recipients\r\n'
        }
        if (l === 'DATA' && !s.received().includes('RSET')) return '554 5.5.1 no valid recipients\r\n'
        return undefined
      }),
    )
    await mailer.send(message)
    expect(delivered).toHaveLength(1)
    expect(retries.map((r) => [r.error.code, r.error.command, r.error.responseCode])).toEqual([['EENVELOPE', 'RCPT', 452]])
    await mailer.close()
  })

  it('gives up after the configured attempts and reports the last failure', async () => {
    const { mailer, delivered, retries } = await relay(async (_n, s) => {
      s.send('421 4.3.2 still busy\r\n')
      s.end()
    })
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'ECONNECT', responseCode: 421, command: 'GREETING' })
    expect(retries.map((r) => r.attempt)).toEqual([1, 2])
    expect(server!.sessions).toHaveLength(3)
    expect(delivered).toHaveLength(0)
    await mailer.close()
  })
})
