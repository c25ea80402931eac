import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSmtpConnection, type SmtpConnection } from '../../src/smtp/index.js'
import { spyingFactory } from '../helpers/fake-smtp.js'
import { RELAY_PASS, RELAY_USER, startRelay, type Relay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

let relay: Relay
let conn: SmtpConnection
const spy = spyingFactory()
beforeAll(async () => {
  relay = await startRelay()
  conn = await openSmtpConnection({
    host: '127.0.0.1',
    port: relay.port,
    ca: testCert,
    auth: { user: RELAY_USER, pass: RELAY_PASS },
    connect: spy.factory,
  })
})
afterAll(async () => {
  await conn.quit()
  await relay.stop()
})

const head = 'From: a@x.test\r\nTo: b@y.test\r\nSubject: smuggle\r\n\r\n'

// Each body tries to end the DATA section early or smuggle a second message.
const bodies: [string, string][] = [
  ['LF.LF', 'before\n.\nMAIL FROM:<evil@x.test>\nRCPT TO:<victim@y.test>\nDATA\nsmuggled\n.\nafter'],
  ['CRLF.CRLF', 'before\r\n.\r\nMAIL FROM:<evil@x.test>\r\nRCPT TO:<victim@y.test>\r\nDATA\r\nsmuggled\r\n.\r\nafter'],
  ['CR.CR', 'before\r.\rMAIL FROM:<evil@x.test>\rafter'],
  ['LF.CRLF', 'before\n.\r\nafter'],
  ['CRLF.LF', 'before\r\n.\nafter'],
  ['a lone dot', '.'],
  ['a lone dot line', 'x\r\n.\r\ny'],
  ['lines starting with ..', '..\r\n..two\r\n...three\r\n'],
  ['bare CR', 'one\rtwo\r'],
  ['bare LF', 'one\ntwo\n'],
  ['no final line end', 'last line without CRLF'],
]

/** What the receiver must end up with: every line end CRLF, a final CRLF. */
const normalise = (s: string) => {
  const t = s.replace(/\r\n|\r|\n/g, '\r\n')
  return t.endsWith('\r\n') ? t : t + '\r\n'
}

describe('SMTP smuggling and dot-stuffing at a real server (smtp-server)', () => {
  it.each(bodies)('%s arrives as exactly one message with its lines intact', async (_name, body) => {
    const before = relay.received.length
    const writesBefore = spy.writes.length
    const result = await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: head + body })
    expect(result.accepted).toEqual(['b@y.test'])
    expect(relay.received.length).toBe(before + 1)
    const got = relay.received[before]!
    expect(got.to).toEqual(['b@y.test'])
    expect(got.raw.toString('utf8')).toBe(normalise(head + body))
    expect(conn.usable).toBe(true)
    // Nothing with a bare CR or LF went out on the wire.
    for (const w of spy.writes.slice(writesBefore)) expect(/\r(?!\n)|(?<!\r)\n/.test(w)).toBe(false)
  })

  it('a following message is unaffected (no smuggled transaction was opened)', async () => {
    const before = relay.received.length
    await conn.send({ envelope: { from: 'a@x.test', to: ['c@y.test'] }, raw: head + 'clean\r\n' })
    expect(relay.received.length).toBe(before + 1)
    expect(relay.received.map((m) => m.from)).not.toContain('evil@x.test')
    expect(relay.received.flatMap((m) => m.to)).not.toContain('victim@y.test')
  })

  it('a large message, written as given and then the terminator, arrives byte for byte', async () => {
    const before = relay.received.length
    const writesBefore = spy.writes.length
    const raw = new TextEncoder().encode(head + ('y'.repeat(998) + '\r\n').repeat(300) + 'no final line end')
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw })
    expect(relay.received.length).toBe(before + 1)
    expect(relay.received[before]!.raw.toString('latin1')).toBe(Buffer.from(raw).toString('latin1') + '\r\n')
    expect(spy.writes.slice(writesBefore).at(-1)).toBe('\r\n.\r\n')
  })

  it('8-bit UTF-8 content arrives byte for byte', async () => {
    const before = relay.received.length
    const raw = new TextEncoder().encode(head + 'Grüße, 你好, 🙂\r\n')
    await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw })
    expect(Buffer.compare(relay.received[before]!.raw, Buffer.from(raw))).toBe(0)
  })
})
