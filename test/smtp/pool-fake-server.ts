import { createServer, type Socket } from 'node:net'
import { createSmtpInput, verbOf } from '../helpers/smtp-input.js'

/** What the scripted relay does once a message's final dot arrived. */
export type AfterDot = 'accept' | 'drop'

export interface ScriptedRelay {
  port: number
  /** Connections accepted so far. */
  connections: number
  /**
   * Client turns: chunks that arrived after the relay had answered something,
   * i.e. round trips the client waited for (bytes split by TCP count once).
   */
  turns: number
  /** Raw content of every message whose final dot arrived, in order. */
  messages: string[]
  /** Decides, per message (0-based), what to do after its final dot. Default: accept. */
  afterDot: (index: number) => AfterDot
  /** Destroys every open connection, as a relay restart would. */
  dropAll(): void
  close(): Promise<void>
}

/**
 * A minimal scripted SMTP relay on 127.0.0.1 with PIPELINING, for faults that
 * real servers cannot be told to produce (test use only).
 */
export async function startScriptedRelay(): Promise<ScriptedRelay> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    relay.connections++
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let answered = false
    const write = socket.write.bind(socket)
    socket.write = ((data: string) => {
      answered = true
      return write(data)
    }) as typeof socket.write
    socket.write('220 scripted ESMTP\r\n')
    const input = createSmtpInput()
    let inData = false
    socket.on('data', (chunk) => {
      if (answered) relay.turns++
      answered = false
      input.push(chunk)
      for (;;) {
        if (inData) {
          const content = input.content()
          if (content === undefined) return
          const index = relay.messages.length
          relay.messages.push(content)
          inData = false
          if (relay.afterDot(index) === 'drop') {
            socket.destroy()
            return
          }
          socket.write(`250 2.0.0 Ok: queued as Q${index}\r\n`)
          continue
        }
        const line = input.line()
        if (line === undefined) return
        const verb = verbOf(line)
        if (verb === 'EHLO') socket.write('250-scripted\r\n250-PIPELINING\r\n250 8BITMIME\r\n')
        else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n')
          inData = true
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n')
          return
        } else socket.write('250 Ok\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  const relay: ScriptedRelay = {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    connections: 0,
    turns: 0,
    messages: [],
    afterDot: () => 'accept',
    dropAll() {
      for (const s of sockets) s.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  return relay
}
