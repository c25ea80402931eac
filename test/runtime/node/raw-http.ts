import { connect, type Socket } from 'node:net'

/** A raw TCP connection to a running mailbridge, for what `fetch` hides (timeouts, 100 Continue, refused connections). */
export interface RawConnection {
  socket: Socket
  /** Writes text, ignoring a connection the server already closed. */
  write(text: string): void
  /** Everything received so far. */
  received(): string
  /** Resolves with everything received once `received()` matches `pattern`; rejects if the connection closes first. */
  until(pattern: RegExp): Promise<string>
  /** Resolves with everything received once the server has closed the connection (end, reset or close). */
  closed: Promise<string>
}

/** Opens a raw connection to `url` (`http://127.0.0.1:port`), resolved once connected. */
export function openRaw(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let text = ''
  let isClosed = false
  const waiters = new Set<() => void>()
  const wake = () => waiters.forEach((w) => w())
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => {
    text += chunk
    wake()
  })
  socket.on('error', () => {})
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      isClosed = true
      wake()
      resolve(text)
    }),
  )
  const connection: RawConnection = {
    socket,
    write: (s) => void (socket.writable && socket.write(s, 'latin1')),
    received: () => text,
    until: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) resolve(text)
          else if (isClosed) reject(new Error(`connection closed before ${pattern}; received ${JSON.stringify(text)}`))
          else return
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      }),
    closed,
  }
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(connection))
    socket.once('error', reject)
  })
}

/** A complete `GET /healthz` that keeps the connection open. */
export const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'

/** The end of a complete `/healthz` answer (its JSON body). */
export const HEALTHZ_ANSWERED = /\{"status":"ok"\}$/
