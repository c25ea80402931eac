import type { SmtpSocket } from './socket.js'

/** One line of an SMTP exchange, as `SMTP_TRACE` logs it. */
export interface SmtpTraceEvent {
  /** Numbers the connections of this process, so the lines of one session can be told apart. */
  connection: number
  /** `out`: a command we sent; `in`: a reply line; `tls`: the connection is now encrypted. */
  dir: 'out' | 'in' | 'tls'
  /** The line without CRLF; credentials and message content are replaced by a note. */
  line: string
}

/** Receives each traced line. */
export type SmtpTrace = (event: SmtpTraceEvent) => void

const decoder = new TextDecoder()
let connections = 0
const text = (data: Uint8Array | string) => (typeof data === 'string' ? data : decoder.decode(data))

/**
 * Wraps a socket so that every command written and every reply line read is
 * reported to `trace`, for debugging a relay. Never reported: what follows
 * `AUTH <mechanism>` and every line of the exchange until the relay's verdict
 * (the credentials), and the message content after `354` (only its size).
 *
 * @example
 * ```ts
 * const socket = traceSocket(await createNodeSocket(options), (e) => console.log(e.dir, e.line))
 * ```
 */
export function traceSocket(socket: SmtpSocket, report: SmtpTrace): SmtpSocket {
  const connection = ++connections
  const trace = (e: Omit<SmtpTraceEvent, 'connection'>) => report({ connection, ...e })
  let authenticating = false
  let inContent = false
  let partial = ''

  const onWrite = (data: Uint8Array | string) => {
    if (inContent) {
      const t = text(data)
      trace({ dir: 'out', line: `[message content: ${typeof data === 'string' ? new TextEncoder().encode(data).length : data.length} bytes]` })
      if (t.endsWith('\r\n.\r\n') || t === '.\r\n') inContent = false
      return
    }
    for (const line of text(data).split('\r\n')) {
      if (line === '') continue
      const auth = /^AUTH\s+(\S+)(\s+\S)?/i.exec(line)
      if (auth) {
        authenticating = true
        trace({ dir: 'out', line: `AUTH ${auth[1]}${auth[2] ? ' [credentials not logged]' : ''}` })
      } else trace({ dir: 'out', line: authenticating ? '[credentials not logged]' : line })
    }
  }

  const onRead = (chunk: Uint8Array) => {
    const lines = (partial + text(chunk)).split('\r\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      trace({ dir: 'in', line })
      const code = Number(line.slice(0, 3))
      const last = line[3] !== '-'
      if (last && code === 354) inContent = true
      if (last && authenticating && code !== 334) authenticating = false
    }
  }

  return {
    get secure() {
      return socket.secure
    },
    async read() {
      const chunk = await socket.read()
      if (chunk !== null) onRead(chunk)
      return chunk
    },
    write(data) {
      onWrite(data)
      return socket.write(data)
    },
    async startTls() {
      await socket.startTls()
      partial = ''
      trace({ dir: 'tls', line: 'TLS established' })
    },
    close: () => socket.close(),
  }
}
