import { afterEach, describe, expect, it } from 'vitest'
import { SmtpError } from '../../src/smtp/errors.js'
import { isUnreachable } from '../../src/smtp/failure.js'
import { withFallback } from '../../src/smtp/failover.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { freePort } from '../helpers/ports.js'

const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

async function relay(name: string, answer: (l: string) => string | undefined = () => undefined) {
  const delivered: string[] = []
  const server = await startFakeSmtp((s) =>
    serveHappy(s, [], (l) => {
      if (l === '.') {
        delivered.push(name)
        return `250 2.0.0 Ok: queued as ${name.toUpperCase()}1\r\n`
      }
      return answer(l)
    }).then(() => {}),
  )
  servers.push(server)
  return { server, delivered }
}

const pool = (port: number) => createSmtpPool({ host: '127.0.0.1', port, tls: 'none', size: 1 })

describe('withFallback: a second relay when the first is unreachable', () => {
  it('sends through the fallback when the primary refuses connections, and says so', async () => {
    const closedPort = await freePort()
    const fallback = await relay('fallback')
    const moved: string[] = []
    const mailer = withFallback(pool(closedPort), pool(fallback.server.port), { onFailover: (from) => moved.push(from) })
    const result = await mailer.send(message)
    expect(result.queueId).toBe('FALLBACK1')
    expect(fallback.delivered).toEqual(['fallback'])
    expect(moved).toEqual(['primary'])
    await mailer.close()
  })

  it('keeps using the fallback first during the cooldown, then tries the primary again', async () => {
    let clock = 0
    const port = await freePort()
    const fallback = await relay('fallback')
    const moved: string[] = []
    const mailer = withFallback(pool(port), pool(fallback.server.port), { cooldownMs: 1_000, now: () => clock, onFailover: (f) => moved.push(f) })
    await mailer.send(message) // primary refused → fallback, cooldown starts
    await mailer.send(message) // fallback first: the primary is not tried
    expect(moved).toEqual(['primary'])
    clock = 2_000
    await mailer.send(message) // cooldown over: primary tried (still down) → fallback
    expect(moved).toEqual(['primary', 'primary'])
    expect(fallback.delivered).toHaveLength(3)
    await mailer.close()
  })

  it('does not move an SMTP rejection to the fallback', async () => {
    const primary = await relay('primary', (l) => (l.startsWith('RCPT') ? '550 5.1.1 unknown user\r\n' : undefined))
    const fallback = await relay('fallback')
    const mailer = withFallback(pool(primary.server.port), pool(fallback.server.port))
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'EENVELOPE', responseCode: 550 })
    expect(fallback.server.sessions).toHaveLength(0)
    await mailer.close()
  })

  it('does not move a transient reply (a 421 greeting means the relay is there) or an unknown outcome', async () => {
    const busy = await startFakeSmtp((s) => {
      s.send('421 4.3.2 busy\r\n')
      s.end()
    })
    servers.push(busy)
    const fallback = await relay('fallback')
    const mailer = withFallback(pool(busy.port), pool(fallback.server.port))
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'ECONNECT', responseCode: 421 })
    expect(fallback.server.sessions).toHaveLength(0)
    await mailer.close()
    expect(isUnreachable(new SmtpError('EUNKNOWN_OUTCOME', 'x', { command: 'MESSAGE' }))).toBe(false)
    expect(isUnreachable(new SmtpError('ETIMEOUT', 'x', { command: 'MAIL' }))).toBe(false)
    expect(isUnreachable(new SmtpError('ETIMEOUT', 'x', { command: 'CONNECT' }))).toBe(true)
    expect(isUnreachable(new SmtpError('ETLS', 'x', { command: 'CONNECT', transient: false }))).toBe(false)
  })
})
