import type { SmtpSocket, SocketFactory } from '../../src/smtp/socket.js'

const encoder = new TextEncoder()
const reply = (text: string) => encoder.encode(text)
const GREETING = reply('220 fake.test ESMTP\r\n')
const EHLO = reply('250-fake.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n')
const OK = reply('250 2.1.0 Ok\r\n')
const GO = reply('354 End data with <CR><LF>.<CR><LF>\r\n')
const QUEUED = reply('250 2.0.0 Ok: queued as 4KQ2M7XW4P\r\n')
const BYE = reply('221 2.0.0 Bye\r\n')

/**
 * A relay in memory: answers whole command lines, and the content, on the
 * next turn of the event loop. No system calls: what the SMTP client costs
 * over it is its own JavaScript.
 */
export const memoryRelay: SocketFactory = async () => {
  const inbox: Uint8Array[] = [GREETING]
  let waiting: ((chunk: Uint8Array | null) => void) | undefined
  let closed = false
  const deliver = (chunks: Uint8Array[]): void =>
    void setImmediate(() => {
      inbox.push(...chunks)
      if (waiting && inbox.length > 0) {
        const w = waiting
        waiting = undefined
        w(inbox.shift()!)
      }
    })
  const socket: SmtpSocket = {
    secure: false,
    read: () =>
      new Promise((resolve) => {
        if (inbox.length > 0) resolve(inbox.shift()!)
        else if (closed) resolve(null)
        else waiting = resolve
      }),
    write: async (data) => {
      if (typeof data !== 'string') return deliver([QUEUED])
      const out: Uint8Array[] = []
      for (const line of data.split('\r\n')) {
        if (line === '') continue
        if (line.startsWith('EHLO')) out.push(EHLO)
        else if (line === 'DATA') out.push(GO)
        else if (line === 'QUIT') out.push(BYE)
        else out.push(OK)
      }
      deliver(out)
    },
    startTls: async () => {},
    close: () => {
      closed = true
      waiting?.(null)
      waiting = undefined
    },
  }
  return socket
}
