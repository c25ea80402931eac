import type { SmtpSocket, SocketFactory } from '../../src/smtp/socket.js'

/** What the scripted relay does with one write of the DATA content (0 = the first chunk). */
export type ContentWrite = 'take' | 'hang' | 'reset'

/**
 * An in-memory relay socket: it answers the session with 250s and 354 to DATA,
 * then treats each content write as `script(index)` says: `take` it, leave it
 * pending like a relay that stopped reading (`hang`), or fail it like a reset
 * (`reset`). After the last chunk it answers `final`, or never (`null`).
 */
export function contentSocket(script: (index: number) => ContentWrite, final: string | null = '250 2.0.0 Ok: queued as MEM1\r\n'): SocketFactory & { writes: number } {
  const counter = { writes: 0 }
  const factory = (async () => {
    const replies: string[] = ['220 mem.test ESMTP\r\n']
    let waiting: ((chunk: Uint8Array | null) => void) | undefined
    let closed = false
    let inData = false
    let index = 0
    const pending = new Set<(e: Error) => void>()
    const push = (reply: string) => {
      if (waiting) {
        const w = waiting
        waiting = undefined
        w(new TextEncoder().encode(reply))
      } else replies.push(reply)
    }
    const socket: SmtpSocket = {
      secure: false,
      read: () => {
        const next = replies.shift()
        if (next !== undefined) return Promise.resolve(new TextEncoder().encode(next))
        if (closed) return Promise.resolve(null)
        return new Promise((resolve) => (waiting = resolve))
      },
      write: (data) => {
        if (closed) return Promise.reject(new Error('closed'))
        const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
        if (inData) {
          counter.writes++
          const action = script(index++)
          if (action === 'reset') return Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
          if (action === 'hang') return new Promise<void>((_resolve, reject) => pending.add(reject))
          if (text.endsWith('\r\n.\r\n') || text === '.\r\n') {
            inData = false
            if (final !== null) push(final)
          }
          return Promise.resolve()
        }
        for (const line of text.split('\r\n').filter(Boolean)) {
          if (line === 'DATA') {
            inData = true
            index = 0
            push('354 go\r\n')
          } else push(line.startsWith('EHLO') ? '250 mem.test\r\n' : '250 Ok\r\n')
        }
        return Promise.resolve()
      },
      startTls: () => Promise.reject(new Error('no TLS')),
      close: () => {
        closed = true
        for (const reject of pending) reject(new Error('socket closed'))
        pending.clear()
        waiting?.(null)
      },
    }
    return socket
  }) as SocketFactory
  return Object.defineProperty(factory, 'writes', { get: () => counter.writes }) as SocketFactory & { writes: number }
}

/** A message large enough to go out as two writes: the content, then the final dot. */
export const LARGE_RAW = 'Subject: big\r\n\r\n' + ('x'.repeat(998) + '\r\n').repeat(100)
export const SMALL_RAW = 'Subject: small\r\n\r\nhello\r\n'
