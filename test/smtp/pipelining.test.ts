import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient, openSmtpConnection } from '../../src/smtp/index.js'
import { serveHappy, spyingFactory, startFakeSmtp } from '../helpers/fake-smtp.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js'

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.stop()
})

const raw = 'From: a@x.test\r\nSubject: pipelined\r\n\r\nline 1\r\n.dot line\r\n'
const msg = { envelope: { from: 'a@x.test', to: ['b@y.test', 'c@y.test', 'd@y.test'] }, raw }

describe('PIPELINING (RFC 2920) against Postfix smtp-sink', () => {
  it('sends MAIL, every RCPT and DATA in one write, then content and dot in one write', async () => {
    const spy = spyingFactory()
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: sink.port, tls: 'none', connect: spy.factory })
    expect(conn.capabilities.pipelining).toBe(true)
    const before = spy.writes.length
    const result = await conn.send(msg)
    expect(result.accepted).toEqual(['b@y.test', 'c@y.test', 'd@y.test'])
    expect(result.response).toMatch(/^250 /)
    expect(result.queueId).toBeNull()
    const writes = spy.writes.slice(before)
    expect(writes).toEqual([
      'MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nRCPT TO:<d@y.test>\r\nDATA\r\n',
      'From: a@x.test\r\nSubject: pipelined\r\n\r\nline 1\r\n..dot line\r\n.\r\n',
    ])
    await conn.quit()
  })

  it('keeps a connection busy with many messages, each a single transaction', async () => {
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: sink.port, tls: 'none' })
    const results = []
    for (let i = 0; i < 50; i++) results.push(await conn.send(msg))
    // Each of the 50 transactions was confirmed by the relay's final 250, for every recipient.
    expect(results.filter((r) => /^250 /.test(r.response) && r.accepted.length === 3)).toHaveLength(50)
    expect(conn.usable).toBe(true)
    await conn.quit()
    // smtp-sink reports its message counter once the session ends.
    for (let i = 0; i < 100 && sink.messages() < 50; i++) await new Promise((r) => setTimeout(r, 20))
    expect(sink.messages()).toBeGreaterThanOrEqual(50)
  })

  it('the one-shot client sends concurrently and QUITs each connection', async () => {
    const client = createSmtpClient({ host: '127.0.0.1', port: sink.port, tls: 'none' })
    const results = await Promise.all(Array.from({ length: 10 }, () => client.send(msg)))
    expect(results.every((r) => r.accepted.length === 3)).toBe(true)
    await client.close()
    await expect(client.send(msg)).rejects.toMatchObject({ code: 'EABORTED' })
  })
})

describe('without PIPELINING', () => {
  it('sends one command per write and waits for each reply', async () => {
    let messages!: Promise<string[]>
    const server = await startFakeSmtp((s) => {
      messages = serveHappy(s, ['8BITMIME'])
    })
    try {
      const spy = spyingFactory()
      const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none', connect: spy.factory })
      const before = spy.writes.length
      await conn.send(msg)
      expect(spy.writes.slice(before)).toEqual([
        'MAIL FROM:<a@x.test>\r\n',
        'RCPT TO:<b@y.test>\r\n',
        'RCPT TO:<c@y.test>\r\n',
        'RCPT TO:<d@y.test>\r\n',
        'DATA\r\n',
        'From: a@x.test\r\nSubject: pipelined\r\n\r\nline 1\r\n..dot line\r\n.\r\n',
      ])
      await conn.quit()
      expect(await messages).toHaveLength(1)
    } finally {
      await server.stop()
    }
  })
})
