import { createServer, type Server, type Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeSocket } from '../../../src/runtime/node/socket.js'
import { freePort } from '../../helpers/ports.js'
import { startRelay } from '../../helpers/smtp-server-relay.js'
import { otherCert, otherKey, testCert, testKey } from '../../helpers/tls.js'
import { smtpFailure } from '../../smtp/smtp-failure.js'

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'))
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

async function tcpServer(onConnection: (s: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((s) => {
    sockets.add(s)
    s.on('error', () => undefined)
    onConnection(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  stops.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  )
  const addr = server.address()
  return typeof addr === 'object' && addr ? addr.port : 0
}

describe('Node socket: implicit TLS', () => {
  it.each(['127.0.0.1', 'localhost'])('connects to %s and verifies the certificate with the given CA', async (host) => {
    const relay = await startRelay({ secure: true })
    stops.push(relay.stop)
    const socket = await createNodeSocket({ host, port: relay.port, implicitTls: true, ca: testCert })
    expect(socket.secure).toBe(true)
    expect(text(await socket.read())).toMatch(/^220 /)
    socket.close()
    socket.close()
    expect(await socket.read()).toBeNull()
  })

  it('rejects an untrusted certificate with ETLS', async () => {
    const relay = await startRelay({ secure: true, key: otherKey, cert: otherCert })
    stops.push(relay.stop)
    const err = await smtpFailure(createNodeSocket({ host: '127.0.0.1', port: relay.port, implicitTls: true, ca: testCert }))
    expect(err).toMatchObject({ code: 'ETLS', command: 'CONNECT', transient: false })
  })

  it('accepts it with rejectUnauthorized: false (test relays only)', async () => {
    const relay = await startRelay({ secure: true, key: otherKey, cert: otherCert })
    stops.push(relay.stop)
    const socket = await createNodeSocket({ host: '127.0.0.1', port: relay.port, implicitTls: true, rejectUnauthorized: false })
    expect(text(await socket.read())).toMatch(/^220 /)
    socket.close()
  })

  it('times out a handshake the server never answers (ETIMEOUT)', async () => {
    const port = await tcpServer(() => undefined)
    const err = await smtpFailure(createNodeSocket({ host: '127.0.0.1', port, implicitTls: true, timeoutMs: 150 }))
    expect(err).toMatchObject({ code: 'ETIMEOUT', command: 'CONNECT' })
  })
})

describe('Node socket: plain TCP and STARTTLS', () => {
  it('a refused connection is ECONNECT', async () => {
    const err = await smtpFailure(createNodeSocket({ host: '127.0.0.1', port: await freePort() }))
    expect(err).toMatchObject({ code: 'ECONNECT', transient: true })
  })

  it('aborts through an AbortSignal', async () => {
    const port = await tcpServer(() => undefined)
    const ac = new AbortController()
    const p = createNodeSocket({ host: '127.0.0.1', port, implicitTls: true, signal: ac.signal })
    setTimeout(() => ac.abort(), 30)
    expect(await smtpFailure(p)).toMatchObject({ code: 'EABORTED' })
  })

  it('upgrades the open socket and drops bytes that were not read before the handshake', async () => {
    const port = await tcpServer((s) => {
      s.write('220 go ahead\r\n')
      setTimeout(() => {
        s.write('250 INJECTED\r\n')
        const secure = new TLSSocket(s, { isServer: true, key: testKey, cert: testCert })
        secure.on('error', () => undefined)
        secure.once('secure', () => secure.write('250 secure hello\r\n'))
      }, 30)
    })
    const socket = await createNodeSocket({ host: '127.0.0.1', port, ca: testCert, servername: 'localhost' })
    expect(socket.secure).toBe(false)
    expect(text(await socket.read())).toBe('220 go ahead\r\n')
    await new Promise((r) => setTimeout(r, 100)) // "250 INJECTED" is now queued, unread
    await socket.startTls()
    expect(socket.secure).toBe(true)
    expect(text(await socket.read())).toBe('250 secure hello\r\n')
    socket.close()
  })

  it('a STARTTLS upgrade to an untrusted certificate is ETLS', async () => {
    const port = await tcpServer((s) => {
      s.write('220 go\r\n')
      const secure = new TLSSocket(s, { isServer: true, key: otherKey, cert: otherCert })
      secure.on('error', () => undefined)
    })
    const socket = await createNodeSocket({ host: '127.0.0.1', port, ca: testCert })
    await socket.read()
    const err = await smtpFailure(socket.startTls())
    expect(err).toMatchObject({ code: 'ETLS', command: 'STARTTLS' })
    expect(await socket.read()).toBeNull()
  })

  it('writes after close fail with ECONNECT and a pending read resolves null on close', async () => {
    const port = await tcpServer(() => undefined)
    const socket = await createNodeSocket({ host: '127.0.0.1', port })
    const pending = socket.read()
    socket.close()
    expect(await pending).toBeNull()
    await expect(socket.write('NOOP\r\n')).rejects.toMatchObject({ code: 'ECONNECT' })
  })
})
