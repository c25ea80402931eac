import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { openSmtpConnection, SmtpError } from '../../src/smtp/index.js'

let server: Server | undefined
const sockets = new Set<Socket>()
afterEach(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = undefined
})

/** A relay that answers 354 to DATA and then stops reading, so the content write stalls. */
async function startStallingRelay(): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket)
    socket.write('220 stall.test ESMTP\r\n')
    let buf = ''
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('latin1')
      let i: number
      while ((i = buf.indexOf('\r\n')) !== -1) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 2)
        if (/^EHLO/i.test(line)) socket.write('250 stall.test\r\n')
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 ok\r\n')
        else if (/^DATA/i.test(line)) {
          socket.write('354 go on\r\n')
          socket.off('data', onData)
          socket.pause()
          return
        }
      }
    }
    socket.on('data', onData)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()))
  const addr = server.address()
  return typeof addr === 'object' && addr ? addr.port : 0
}

describe('a stalled write of the message content', () => {
  it('is reported as an unknown outcome, never as "not sent", because the final dot may have gone out', async () => {
    const port = await startStallingRelay()
    const conn = await openSmtpConnection({ host: '127.0.0.1', port, tls: 'none', timeouts: { command: 300 } })
    // Far more than loopback socket buffers hold, so the write cannot complete.
    const raw = 'Subject: big\r\n\r\n' + ('x'.repeat(998) + '\r\n').repeat(32_000)
    const err = (await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw }).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err.code).toBe('EUNKNOWN_OUTCOME')
    expect(err.command).toBe('MESSAGE')
    expect(err.transient).toBe(false)
    expect(conn.usable).toBe(false)
  })

  it('is cut by the content deadline, which can be set apart from the command deadline', async () => {
    const port = await startStallingRelay()
    // With only the 60 s command deadline this would outlast the 20 s test timeout.
    const conn = await openSmtpConnection({ host: '127.0.0.1', port, tls: 'none', timeouts: { command: 60_000, content: 200 } })
    const raw = 'Subject: big\r\n\r\n' + ('x'.repeat(998) + '\r\n').repeat(32_000)
    const err = (await conn.send({ envelope: { from: 'a@x.test', to: ['b@y.test'] }, raw }).catch((e: unknown) => e)) as SmtpError
    expect(err).toBeInstanceOf(SmtpError)
    expect(err.code).toBe('EUNKNOWN_OUTCOME')
    expect(err.cause).toMatchObject({ code: 'ETIMEOUT', command: 'MESSAGE' })
    expect(conn.usable).toBe(false)
  })
})
