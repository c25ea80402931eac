import { afterEach, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries, type RetryEvent } from '../../src/smtp/retry.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { otherCert, otherKey, testCert, testKey } from '../helpers/tls.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = { envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

function mailer(port: number, retries: RetryEvent[]) {
  const pool = createSmtpPool({ host: '127.0.0.1', port, tls: 'implicit', ca: testCert, size: 1 })
  return withRetries(pool, { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 10_000, onRetry: (e) => retries.push(e) })
}

describe('withRetries and TLS (implicit TLS against a real TLS server)', () => {
  it('retries a failed handshake that is not about the certificate', async () => {
    let n = 0
    server = await startFakeSmtp(async (s) => {
      if (n++ === 0) {
        // The connection drops during the handshake: a passing fault, not the certificate.
        s.end()
        return
      }
      await s.startTls(testKey, testCert)
      await serveHappy(s)
    })
    const retries: RetryEvent[] = []
    const m = mailer(server.port, retries)
    const result = await m.send(message)
    expect(result.accepted).toEqual(['b@y.test'])
    expect(retries.map((r) => [r.error.code, r.error.transient])).toEqual([['ETLS', true]])
    await m.close()
  })

  it('does not retry clear text where TLS was expected: a setting (SMTP_TLS, the port) will not change on its own', async () => {
    server = await startFakeSmtp((s) => {
      s.send('220 plain text where TLS was expected\r\n')
    })
    const retries: RetryEvent[] = []
    const m = mailer(server.port, retries)
    await expect(m.send(message)).rejects.toMatchObject({ code: 'ETLS' })
    expect(retries).toHaveLength(0)
    expect(server.sessions).toHaveLength(1)
    await m.close()
  })

  it('does not retry a certificate the client does not trust', async () => {
    server = await startFakeSmtp(async (s) => {
      await s.startTls(otherKey, otherCert).catch(() => undefined)
    })
    const retries: RetryEvent[] = []
    const m = mailer(server.port, retries)
    await expect(m.send(message)).rejects.toMatchObject({ code: 'ETLS', transient: false })
    expect(retries).toHaveLength(0)
    expect(server.sessions).toHaveLength(1)
    await m.close()
  })
})
