import { randomBytes } from 'node:crypto'
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server'
import { testCert, testKey } from '../helpers/tls.js'

export const RELAY_USER = 'mailbridge'
export const RELAY_PASS = 'e2e-p@ss wörd'

export interface RelayedMessage {
  from: string
  to: string[]
  raw: Buffer
  /** The queue id this relay announced in its final reply. */
  queueId: string
}

export interface RelayBehaviour {
  /** Reply for MAIL FROM: return an error to refuse it. */
  onMail?: (address: SMTPServerAddress) => Error | undefined
  /** Reply for one RCPT TO: return an error to refuse it. */
  onRcpt?: (address: SMTPServerAddress) => Error | undefined
  /** Delay before answering each RCPT, in ms. */
  rcptDelayMs?: number
  /** Delay before answering the final dot, in ms. */
  dataDelayMs?: number
}

export interface TestRelay {
  port: number
  received: RelayedMessage[]
  /** Sessions that passed AUTH (and so STARTTLS before it). */
  authenticated: number
  /** Change how the relay answers from now on. */
  behave(b: RelayBehaviour): void
  stop(): Promise<void>
}

/** An SMTP reply error as smtp-server expects it. */
export function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code })
}

/**
 * A real `smtp-server` on 127.0.0.1 requiring STARTTLS (smtp-server refuses
 * AUTH in clear text) and AUTH, announcing a random queue id per message.
 */
export async function startTestRelay(): Promise<TestRelay> {
  let behaviour: RelayBehaviour = {}
  const received: RelayedMessage[] = []
  const state = { authenticated: 0 }
  const later = (ms: number | undefined, fn: () => void) => (ms ? setTimeout(fn, ms) : fn())

  const server = new SMTPServer({
    key: testKey,
    cert: testCert,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    hideENHANCEDSTATUSCODES: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === RELAY_USER && auth.password === RELAY_PASS) {
        state.authenticated++
        cb(null, { user: auth.username })
      } else cb(smtpReply(535, 'Authentication credentials invalid'))
    },
    onMailFrom(address, _session, cb) {
      cb(behaviour.onMail?.(address) ?? null)
    },
    onRcptTo(address, _session, cb) {
      const b = behaviour
      later(b.rcptDelayMs, () => cb(b.onRcpt?.(address) ?? null))
    },
    onData(stream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = []
      const b = behaviour
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const queueId = randomBytes(6).toString('hex').toUpperCase()
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          queueId,
        })
        later(b.dataDelayMs, () => cb(null, `Ok: queued as ${queueId}`))
      })
    },
  })
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const addr = server.server.address()
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    received,
    get authenticated() {
      return state.authenticated
    },
    behave(b) {
      behaviour = b
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
