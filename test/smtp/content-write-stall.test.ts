import { describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError, type SmtpTimeouts } from '../../src/smtp/index.js'
import { contentSocket, LARGE_RAW, SMALL_RAW } from './content-socket.js'

const envelope = { from: 'a@x.test', to: ['b@y.test'] }
const send = async (connect: ReturnType<typeof contentSocket>, raw: string, timeouts: SmtpTimeouts = { command: 200 }) => {
  const conn = await openSmtpConnection({ host: 'mem.test', port: 25, tls: 'none', timeouts, connect })
  const err = (await conn.send({ envelope, raw }).catch((e: unknown) => e)) as SmtpError
  expect(err).toBeInstanceOf(SmtpError)
  expect(conn.usable).toBe(false)
  return err
}

describe('a stalled write of the message content', () => {
  it('before the final dot\'s write started, is "not sent" (ETIMEOUT at CONTENT), not an unknown outcome', async () => {
    const err = await send(contentSocket((i) => (i === 0 ? 'hang' : 'take')), LARGE_RAW)
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'CONTENT', transient: true })
  })

  it("while the final dot's own write is pending, is an unknown outcome: its bytes may have reached the kernel", async () => {
    const err = await send(contentSocket((i) => (i === 1 ? 'hang' : 'take')), LARGE_RAW)
    expect(err).toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE', transient: false })
    const small = await send(contentSocket(() => 'hang'), SMALL_RAW)
    expect(small).toMatchObject({ code: 'EUNKNOWN_OUTCOME', command: 'MESSAGE' })
  })

  it('is cut by the content deadline, which can be set apart from the command deadline', async () => {
    // With only the 60 s command deadline this would outlast the 20 s test timeout.
    const err = await send(contentSocket((i) => (i === 0 ? 'hang' : 'take')), LARGE_RAW, { command: 60_000, content: 200 })
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'CONTENT' })
    expect(err.cause).toMatchObject({ code: 'ETIMEOUT', command: 'CONTENT' })
  })
})
