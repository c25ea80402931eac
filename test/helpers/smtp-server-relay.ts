import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { testCert, testKey } from './tls.js'

export interface ReceivedMessage {
  from: string
  to: string[]
  /** The message bytes exactly as smtp-server handed them over (dot-unstuffed, terminator removed). */
  raw: Buffer
}

export interface Relay {
  port: number
  received: ReceivedMessage[]
  /** How many AUTH attempts were made, by mechanism. */
  authMethods: string[]
  stop(): Promise<void>
}

export const RELAY_USER = 'relay-user'
export const RELAY_PASS = 'relay-päss word'

/**
 * A real `smtp-server` on 127.0.0.1 that requires STARTTLS (test certificate)
 * and AUTH PLAIN/LOGIN, and records every message it accepts.
 */
export async function startRelay(overrides: Partial<SMTPServerOptions> = {}): Promise<Relay> {
  const received: ReceivedMessage[] = []
  const authMethods: string[] = []
  let n = 0
  const server = new SMTPServer({
    key: testKey,
    cert: testCert,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, cb) {
      authMethods.push(auth.method)
      if (auth.username === RELAY_USER && auth.password === RELAY_PASS) cb(null, { user: auth.username })
      else cb(new Error('Invalid username or password'))
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        })
        cb(null, `Ok: queued as TESTQ${++n}`)
      })
    },
    ...overrides,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const addr = server.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    port,
    received,
    authMethods,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
