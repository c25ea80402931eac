import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { serveHappy, startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'
import { smtpFailure } from './smtp-failure.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

// RSET and NOOP only ever get 250 from a healthy relay: anything else means the
// session cannot be trusted, so the connection is closed and never reused.
describe('a relay that refuses RSET or NOOP', () => {
  it.each([
    ['RSET', '421 4.3.2 shutting down\r\n'],
    ['NOOP', '500 5.5.1 what\r\n'],
  ] as const)('%s answered %j is EPROTOCOL and leaves the connection unusable', async (verb, reply) => {
    server = await startFakeSmtp((s) => {
      void serveHappy(s, [], (l) => (l === verb ? reply : undefined))
    })
    const conn = await openSmtpConnection({ host: '127.0.0.1', port: server.port, tls: 'none' })
    const err = await smtpFailure(verb === 'RSET' ? conn.reset() : conn.noop())
    expect(err).toMatchObject({ code: 'EPROTOCOL', command: verb, responseCode: Number(reply.slice(0, 3)), response: reply.trimEnd() })
    expect(conn.usable).toBe(false)
    await server.sessions[0]!.closed
    await smtpFailure(conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw: 'x\r\n' }))
  })
})
