import { createServer, type Server, type Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import type { SmtpSocket, SocketFactory } from '../../src/smtp/socket.js'
import { createNodeSocket } from '../../src/runtime/node/socket.js'

/** One client connection to the scripted server, seen from the server side. */
export interface FakeSession {
  /** Writes text to the client as is (include the CRLFs). */
  send(text: string): void
  /** The next line from the client without its CRLF, or null once the client closed. */
  line(): Promise<string | null>
  /** Reads DATA content up to and including CRLF.CRLF; returns it as received (latin1). */
  data(): Promise<string | null>
  /** Upgrades to TLS (server side) with the given key and certificate; unread bytes are dropped. */
  startTls(key: string, cert: string): Promise<void>
  /** Everything the client sent so far (latin1). */
  received(): string
  /** Resolves once the client closed the connection. */
  closed: Promise<void>
  end(): void
  destroy(): void
}

export interface FakeServer {
  port: number
  sessions: FakeSession[]
  stop(): Promise<void>
}

/**
 * A scripted SMTP server on 127.0.0.1 for failure tests: `script` runs once
 * per connection and decides every byte the client sees.
 */
export async function startFakeSmtp(script: (session: FakeSession) => Promise<void> | void): Promise<FakeServer> {
  const sockets = new Set<Socket>()
  const sessions: FakeSession[] = []
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('close', () => sockets.delete(socket))
    const session = createSession(socket)
    sessions.push(session)
    Promise.resolve()
      .then(() => script(session))
      .catch(() => session.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const addr = server.address()
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    sessions,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

function createSession(initial: Socket): FakeSession {
  let socket: Socket = initial
  let buf = Buffer.alloc(0)
  let all = ''
  let ended = false
  let wake: (() => void) | null = null
  let onClosed!: () => void
  const closed = new Promise<void>((r) => (onClosed = r))

  const onData = (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk])
    all += chunk.toString('latin1')
    wake?.()
  }
  const onEnd = () => {
    ended = true
    wake?.()
    onClosed()
  }
  const attach = (s: Socket) => {
    s.on('data', onData)
    s.on('end', onEnd)
    s.on('close', onEnd)
    s.on('error', () => undefined)
  }
  attach(socket)

  async function until(find: () => number, skip: number): Promise<string | null> {
    for (;;) {
      const i = find()
      if (i !== -1) {
        const out = buf.subarray(0, i).toString('latin1')
        buf = buf.subarray(i + skip)
        return out
      }
      if (ended) return null
      await new Promise<void>((r) => (wake = r))
      wake = null
    }
  }

  return {
    send: (text) => {
      if (!socket.destroyed) socket.write(text)
    },
    line: () => until(() => buf.indexOf('\r\n'), 2),
    data: async () => {
      const body = await until(() => {
        if (buf.subarray(0, 3).toString('latin1') === '.\r\n') return 0
        const i = buf.indexOf('\r\n.\r\n')
        return i === -1 ? -1 : i + 2
      }, 3)
      return body === null ? null : body + '.\r\n'
    },
    startTls: async (key, cert) => {
      socket.off('data', onData)
      socket.off('end', onEnd)
      socket.off('close', onEnd)
      buf = Buffer.alloc(0)
      const secure = new TLSSocket(socket, { isServer: true, key, cert })
      socket = secure
      attach(secure)
      await new Promise<void>((resolve, reject) => {
        secure.once('secure', () => resolve())
        secure.once('error', reject)
        secure.once('close', () => reject(new Error('closed during handshake')))
      })
    },
    received: () => all,
    closed,
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  }
}

/** Answers EHLO with these extension lines (the last gets the "250 " separator). */
export function ehloReply(extensions: string[], name = 'fake.test'): string {
  const lines = [name, ...extensions]
  return lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('')
}

/**
 * Serves a plain, successful session: greeting, EHLO with `extensions`, then
 * answers MAIL/RCPT/DATA/content/RSET/NOOP/QUIT with `answer` or defaults.
 * Returns the DATA contents received.
 */
export async function serveHappy(
  s: FakeSession,
  extensions: string[] = [],
  answer: (line: string) => string | undefined = () => undefined,
): Promise<string[]> {
  const messages: string[] = []
  s.send('220 fake.test ESMTP\r\n')
  for (;;) {
    const line = await s.line()
    if (line === null) return messages
    const custom = answer(line)
    const verb = line.slice(0, 4).toUpperCase()
    if (custom !== undefined) {
      s.send(custom)
      if (verb === 'DATA' && custom.startsWith('354')) {
        const body = await s.data()
        if (body === null) return messages
        messages.push(body)
        s.send(answer('.') ?? '250 2.0.0 Ok: queued as FAKE1\r\n')
      }
      continue
    }
    if (verb === 'EHLO') s.send(ehloReply(extensions))
    else if (verb === 'HELO') s.send('250 fake.test\r\n')
    else if (verb === 'DATA') {
      s.send('354 go ahead\r\n')
      const body = await s.data()
      if (body === null) return messages
      messages.push(body)
      s.send(answer('.') ?? '250 2.0.0 Ok: queued as FAKE1\r\n')
    } else if (verb === 'QUIT') {
      s.send('221 bye\r\n')
      s.end()
      return messages
    } else s.send('250 2.0.0 Ok\r\n')
  }
}

export interface SocketSpy {
  factory: SocketFactory
  /** Every write, in order (latin1). */
  writes: string[]
  /** Chunks the client read. */
  reads: number
  connects: number
}

/** A socket factory that records every write, to check what went out in one write. */
export function spyingFactory(inner: SocketFactory = createNodeSocket): SocketSpy {
  const spy: SocketSpy = { writes: [], reads: 0, connects: 0, factory: undefined as unknown as SocketFactory }
  spy.factory = async (options) => {
    spy.connects++
    const sock = await inner(options)
    const wrapped: SmtpSocket = {
      read: () => {
        spy.reads++
        return sock.read()
      },
      write: (data) => {
        spy.writes.push(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'))
        return sock.write(data)
      },
      startTls: () => sock.startTls(),
      close: () => sock.close(),
      get secure() {
        return sock.secure
      },
    }
    return wrapped
  }
  return spy
}
