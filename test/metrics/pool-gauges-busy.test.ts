import { afterEach, describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/metrics/mailbridge.js'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const message = (to: string) => ({ envelope: { from: 'a@x.test', to: [to] }, raw: 'Subject: s\r\n\r\nbody\r\n' })

describe('pool gauges while sends are in flight', () => {
  it('report the busy connection, the queued send and the connections created, not only the idle zeros', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let mailSeen!: () => void
    const mailArrived = new Promise<void>((r) => (mailSeen = r))
    server = await startFakeSmtp(async (s) => {
      s.send('220 fake.test ESMTP\r\n')
      for (;;) {
        const line = await s.line()
        if (line === null) return
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') s.send('250 fake.test\r\n')
        else if (verb === 'MAIL') {
          mailSeen()
          await gate // hold the transaction until the gauges were read
          s.send('250 ok\r\n')
        } else if (verb === 'RCPT') s.send('250 ok\r\n')
        else if (verb === 'DATA') {
          s.send('354 go ahead\r\n')
          await s.data()
          s.send('250 2.0.0 Ok: queued as G1\r\n')
        } else if (verb === 'QUIT') {
          s.send('221 bye\r\n')
          s.end()
          return
        } else s.send('250 ok\r\n')
      }
    })
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', size: 1 })
    const metrics = createMetrics({ pools: { primary: () => pool.stats() } })
    const first = pool.send(message('b@y.test'))
    const second = pool.send(message('c@y.test'))
    await mailArrived
    const busy = metrics.render()
    expect(busy).toContain('mailbridge_pool_connections{relay="primary",state="in_use"} 1\n')
    expect(busy).toContain('mailbridge_pool_connections{relay="primary",state="idle"} 0\n')
    expect(busy).toContain('mailbridge_pool_queue_length{relay="primary"} 1\n')
    expect(busy).toContain('mailbridge_pool_connections_created{relay="primary"} 1\n')
    release()
    await Promise.all([first, second])
    const done = metrics.render()
    expect(done).toContain('mailbridge_pool_connections{relay="primary",state="in_use"} 0\n')
    expect(done).toContain('mailbridge_pool_queue_length{relay="primary"} 0\n')
    await pool.close()
  })
})
