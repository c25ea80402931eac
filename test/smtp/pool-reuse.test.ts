import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js'
import { startCountingServer, type CountingServer } from './pool-counting-server.js'
import { message, waitUntil } from './pool-fake.js'

describe('pool reuse: many messages over few relay connections', () => {
  let relay: CountingServer
  let sink: SmtpSink
  beforeAll(async () => {
    relay = await startCountingServer()
    sink = await startSmtpSink()
  })
  afterAll(async () => {
    await relay.close()
    await sink.stop()
  })

  it('sends 60 concurrent messages over at most `size` connections to smtp-server, each once', async () => {
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 3 })
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => pool.send(message(i))))
    expect(results.every((r) => r.queueId?.startsWith('M'))).toBe(true)
    expect(relay.opened).toBeLessThanOrEqual(3)
    expect(relay.messages).toHaveLength(60)
    const subjects = relay.messages.map((m) => /Subject: (\d+)/.exec(m)?.[1]).sort((a, b) => Number(a) - Number(b))
    expect(subjects).toEqual(Array.from({ length: 60 }, (_, i) => String(i)))
    expect(pool.stats()).toMatchObject({ open: relay.opened, idle: relay.opened, inUse: 0, queued: 0 })
    await pool.close()
    await waitUntil(() => relay.closed === relay.opened)
  })

  it('keeps a connection usable after a refused transaction (RSET before reuse)', async () => {
    const before = relay.opened
    const pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 1 })
    await pool.send(message(1))
    const refused = { envelope: { from: 'a@example.com', to: ['reject@example.org'] }, raw: 'Subject: x\r\n\r\nx\r\n' }
    await expect(pool.send(refused)).rejects.toMatchObject({ code: 'EENVELOPE', responseCode: 550 })
    await expect(pool.send(message(2))).resolves.toMatchObject({ accepted: ['r2@example.org'] })
    expect(relay.opened - before).toBe(1)
    await pool.close()
  })

  it('delivers every message to Postfix smtp-sink with PIPELINING', async () => {
    const pool = createSmtpPool({ host: '127.0.0.1', port: sink.port, tls: 'none', size: 4 })
    const start = sink.messages()
    await Promise.all(Array.from({ length: 300 }, (_, i) => pool.send(message(i))))
    await pool.close()
    await waitUntil(() => sink.messages() - start >= 300)
    expect(sink.messages() - start).toBe(300)
  })
})
