import { randomBytes } from 'node:crypto'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { testCert, testKey } from './tls.js'

export interface ReceivedMessage {
  from: string
  to: string[]
  /** The message bytes exactly as smtp-server handed them over (dot-unstuffed, terminator removed). */
  raw: Buffer
  /** The queue id this relay announced in its final reply (`Ok: queued as <id>`). */
  queueId: string
}

export interface Relay {
  port: number
  received: ReceivedMessage[]
  /** How many AUTH attempts were made, by mechanism. */
  authMethods: string[]
  /** Sessions that passed AUTH (and so STARTTLS before it). */
  readonly authenticated: number
  stop(): Promise<void>
}

export interface RelayExtras {
  /** Delay before answering the final dot, read per message, in ms. */
  dataReplyDelayMs?: () => number | undefined
  /** Queue ids announced in the final reply. Default `TESTQ1`, `TESTQ2`, … */
  queueId?: (n: number) => string
}

export const RELAY_USER = 'relay-user'
export const RELAY_PASS = 'relay-päss word'

/** A random upper-case hex queue id, unlike any earlier one. */
export const randomQueueId = (): string => randomBytes(6).toString('hex').toUpperCase()

/** An SMTP reply error as smtp-server callbacks expect it. */
export function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code })
}

/**
 * A real `smtp-server` on 127.0.0.1 that requires STARTTLS (test certificate)
 * and AUTH PLAIN/LOGIN, and records every message it accepts.
 */
export async function startRelay(overrides: Partial<SMTPServerOptions> = {}, extras: RelayExtras = {}): Promise<Relay> {
  const received: ReceivedMessage[] = []
  const authMethods: string[] = []
  const state = { authenticated: 0 }
  const queueIdOf = extras.queueId ?? ((n: number) => `TESTQ${n}`)
  let n = 0
  const server = new SMTPServer({
    key: testKey,
    cert: testCert,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, cb) {
      authMethods.push(auth.method)
      if (auth.username === RELAY_USER && auth.password === RELAY_PASS) {
        state.authenticated++
        cb(null, { user: auth.username })
      } else cb(smtpReply(535, 'Invalid username or password'))
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const queueId = queueIdOf(++n)
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          queueId,
        })
        const reply = () => cb(null, `Ok: queued as ${queueId}`)
        const delay = extras.dataReplyDelayMs?.()
        if (delay) setTimeout(reply, delay)
        else reply()
      })
    },
    ...overrides,
  })
  server.on('error', () => {})
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
    get authenticated() {
      return state.authenticated
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
