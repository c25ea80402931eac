import { describe, expect, it } from 'vitest'
import { createSmtpPool, openSmtpConnection, SmtpError, withRetries } from '../../src/smtp/index.js'
import { smtpFailure } from '../../src/http/smtp-problem.js'
import { contentSocket, LARGE_RAW, SMALL_RAW } from './content-socket.js'

const envelope = { from: 'a@x.test', to: ['b@y.test'] }

describe('a connection reset while the content is written', () => {
  it('before the final dot left is "not sent": ECONNECT at CONTENT, answered 502 relay_unavailable, never delivery_unknown', async () => {
    for (const [raw, failing] of [[LARGE_RAW, 0], [LARGE_RAW, 1], [SMALL_RAW, 0]] as const) {
      const conn = await openSmtpConnection({ host: 'mem.test', port: 25, tls: 'none', connect: contentSocket((i) => (i === failing ? 'reset' : 'take')) })
      const err = (await conn.send({ envelope, raw }).catch((e: unknown) => e)) as SmtpError
      expect(err).toMatchObject({ code: 'ECONNECT', command: 'CONTENT' })
      expect(smtpFailure(err).problem).toMatchObject({ status: 502, code: 'relay_unavailable' })
    }
  })

  it('is retried by the retry policy and delivered once on the next connection', async () => {
    let attempt = 0
    const connect = contentSocket(() => (attempt++ === 0 ? 'reset' : 'take'))
    const mailer = withRetries(createSmtpPool({ host: 'mem.test', port: 25, tls: 'none', connect }), { baseDelayMs: 1 })
    await expect(mailer.send({ envelope, raw: SMALL_RAW })).resolves.toMatchObject({ queueId: 'MEM1' })
    expect(connect.writes).toBe(2)
    await mailer.close()
  })

  it('after the final dot left, while waiting for its reply, stays delivery_unknown', async () => {
    const conn = await openSmtpConnection({ host: 'mem.test', port: 25, tls: 'none', timeouts: { data: 100 }, connect: contentSocket(() => 'take', null) })
    const err = (await conn.send({ envelope, raw: SMALL_RAW }).catch((e: unknown) => e)) as SmtpError
    expect(err).toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE' })
    expect(smtpFailure(err).problem).toMatchObject({ status: 504, code: 'delivery_unknown' })
  })
})
