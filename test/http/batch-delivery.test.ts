import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { createSmtpPool, type SmtpPool } from '../../src/smtp/pool.js'
import { startCountingServer, type CountingServer } from '../smtp/pool-counting-server.js'

describe('POST /send/batch over the pool to a real smtp-server', () => {
  let relay: CountingServer
  let pool: SmtpPool
  beforeAll(async () => {
    relay = await startCountingServer()
    pool = createSmtpPool({ host: '127.0.0.1', port: relay.port, tls: 'none', size: 3 })
  })
  afterAll(async () => {
    await pool.close()
    await relay.close()
  })

  it('delivers each valid item exactly once and reports refused and invalid items in place', async () => {
    const app = createTestApp({ mailer: pool, log: () => {} })
    // smtp-server refuses recipients starting with "reject"; item 7 is invalid.
    const items = Array.from({ length: 40 }, (_, i) => ({
      from: 'ada@example.com',
      to: i % 10 === 3 ? `reject${i}@example.org` : `user${i}@example.org`,
      subject: i === 7 ? 42 : `batch item ${i}`,
      text: `body ${i}`,
    }))
    const res = await app.request('/send/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(items),
    })
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: Array<Record<string, unknown>> }
    expect(results).toHaveLength(40)
    results.forEach((r, i) => {
      if (i === 7) expect(r).toMatchObject({ code: 'validation_error', errors: [{ path: 'subject' }] })
      else if (i % 10 === 3) expect(r).toMatchObject({ status: 422, code: 'smtp_rejected', smtp: { code: 550 } })
      else expect(r).toMatchObject({ accepted: [`user${i}@example.org`], queue_id: expect.stringMatching(/^M\d+$/) })
    })
    const delivered = relay.messages.map((m) => /^Subject: batch item (\d+)$/m.exec(m)?.[1]).map(Number)
    const expected = items.map((_, i) => i).filter((i) => i !== 7 && i % 10 !== 3)
    expect(delivered.sort((a, b) => a - b)).toEqual(expected)
    expect(relay.opened).toBeLessThanOrEqual(3)
  })
})
