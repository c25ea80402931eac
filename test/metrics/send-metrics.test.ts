import { afterEach, describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/metrics/mailbridge.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { withRetries } from '../../src/smtp/retry.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = (to: string) => ({ envelope: { from: 'a@x.test', to: [to] }, raw: 'Subject: s\r\n\r\nbody\r\n' })

describe('send metrics over a real relay', () => {
  it('counts outcomes by problem code, times each attempt, counts retries and reports the pool', async () => {
    let n = 0
    server = await startFakeSmtp(async (s) => {
      if (n++ === 0) return s.destroy() // first connection reset: one retry
      await serveHappy(s, [], (l) => (l.startsWith('RCPT TO:<bad') ? '550 5.1.1 unknown\r\n' : undefined))
    })
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', size: 2 })
    const metrics = createMetrics({ pools: { primary: () => pool.stats() } })
    const mailer = metrics.countSends(withRetries(metrics.timeAttempts(pool), { baseDelayMs: 1, onRetry: metrics.onRetry }))

    await mailer.send(message('b@y.test'))
    await mailer.send(message('c@y.test'))
    await mailer.send(message('bad@y.test')).catch(() => undefined)

    expect(metrics.sends.get({ outcome: 'sent' })).toBe(2)
    expect(metrics.sends.get({ outcome: 'smtp_rejected' })).toBe(1)
    expect(metrics.retries.get({ error: 'ECONNECT' })).toBe(1)
    expect(metrics.smtpLatency.count({ result: 'ok' })).toBe(2)
    expect(metrics.smtpLatency.count({ result: 'ECONNECT' })).toBe(1)
    expect(metrics.smtpLatency.count({ result: 'EENVELOPE' })).toBe(1)
    const text = metrics.render()
    expect(text).toContain('mailbridge_pool_connections{relay="primary",state="idle"} 1\n')
    expect(text).toContain('mailbridge_pool_connections{relay="primary",state="in_use"} 0\n')
    expect(text).toContain('mailbridge_pool_queue_length{relay="primary"} 0\n')
    expect(text).toContain('mailbridge_sends_total{outcome="sent"} 2\n')
    expect(text).toMatch(/^mailbridge_smtp_transaction_seconds_count\{result="ok"\} 2$/m)
    await mailer.close()
  })
})
