import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeMessage } from '../../src/mail/index.js'
import { createSmtpClient, openSmtpConnection, type SmtpConnection } from '../../src/smtp/index.js'
import { spyingFactory } from '../helpers/fake-smtp.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js'
import { smtpFailure } from './smtp-failure.js'

// RFC 5321 §4.1.2: a local part may be a Quoted-string, so `"john doe"@…` is a
// valid path (the composer accepts it); its space must not be taken for an
// injection, while everything outside the quotes stays as strict as before.
// The peer is Postfix's smtp-sink: smtp-server refuses quoted local parts.

let sink: SmtpSink
let conn: SmtpConnection
const spy = spyingFactory()
beforeAll(async () => {
  sink = await startSmtpSink()
  conn = await openSmtpConnection({ host: '127.0.0.1', port: sink.port, tls: 'none', connect: spy.factory })
})
afterAll(async () => {
  await conn.quit()
  await sink.stop()
})

describe('a quoted local part in the envelope', () => {
  it('a composed message to "john doe"@example.com is accepted by smtp-sink', async () => {
    const msg = composeMessage({ from: '"a b"@example.com', to: '"john doe"@example.org', subject: 's', text: 't' })
    expect(msg.envelope).toEqual({ from: '"a b"@example.com', to: ['"john doe"@example.org'] })
    const result = await conn.send({ envelope: msg.envelope, raw: msg.raw })
    expect(result.accepted).toEqual(['"john doe"@example.org'])
    expect(spy.writes.join('')).toContain('MAIL FROM:<"a b"@example.com>')
    expect(spy.writes.join('')).toContain('RCPT TO:<"john doe"@example.org>')
  })

  it.each(['"a<b>c"@x.test', '"back\\\\slash \\"q\\""@x.test'])('%s is written as given', async (rcpt) => {
    const result = await conn.send({ envelope: { from: 'a@x.test', to: [rcpt] }, raw: 'Subject: s\r\n\r\nt\r\n' })
    expect(result.accepted).toEqual([rcpt])
    expect(spy.writes.join('')).toContain(`RCPT TO:<${rcpt}>`)
  })

  it.each([
    '"unterminated@x.test',
    '"a\r\nRCPT TO:<v@y.test>"@x.test',
    '"a\0"@x.test',
    '"a\\\r"@x.test',
    '"a\\',
    '"a" b@x.test',
    '"a"b@x.test',
    '"a"@x.test> SIZE=1',
    '"a"@x test',
  ])('%j is refused before connecting', async (rcpt) => {
    const client = createSmtpClient({ host: '127.0.0.1', port: sink.port, tls: 'none', connect: spy.factory })
    const connects = spy.connects
    const err = await smtpFailure(client.send({ envelope: { from: 'a@x.test', to: [rcpt] }, raw: 'Subject: s\r\n\r\nt\r\n' }))
    expect(err).toMatchObject({ code: 'EENVELOPE', transient: false })
    expect(spy.connects).toBe(connects)
  })
})
