import { SMTPServer } from 'smtp-server'

export interface CountingServer {
  port: number
  /** Connections opened and closed at the relay so far. */
  opened: number
  closed: number
  /** Every message body received, in order. */
  messages: string[]
  close(): Promise<void>
}

/**
 * A real `smtp-server` on 127.0.0.1 (no TLS, no auth) counting connections and
 * messages. Recipients starting with `reject` are refused with 550.
 */
export async function startCountingServer(): Promise<CountingServer> {
  const state: CountingServer = { port: 0, opened: 0, closed: 0, messages: [], close: async () => undefined }
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, cb) {
      state.opened++
      cb()
    },
    onClose() {
      state.closed++
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('reject')) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }))
      cb()
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        state.messages.push(Buffer.concat(chunks).toString('utf8'))
        cb(null, `Ok: queued as M${state.messages.length}`)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.server.address()
  state.port = typeof addr === 'object' && addr ? addr.port : 0
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}
