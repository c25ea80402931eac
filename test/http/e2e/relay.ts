import type { SMTPServerAddress } from 'smtp-server'
import type { SmtpConnectionOptions } from '../../../src/smtp/types.js'
import { RELAY_PASS, RELAY_USER, randomQueueId, startRelay, type ReceivedMessage, type Relay } from '../../helpers/smtp-server-relay.js'
import { testCert } from '../../helpers/tls.js'

export { RELAY_PASS, RELAY_USER, smtpReply } from '../../helpers/smtp-server-relay.js'
export type RelayedMessage = ReceivedMessage

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

export interface TestRelay extends Relay {
  /** Change how the relay answers from now on. */
  behave(b: RelayBehaviour): void
}

/**
 * The shared STARTTLS + AUTH `smtp-server` relay (test/helpers), with enhanced
 * status codes, a random queue id per message, and scriptable MAIL/RCPT
 * replies and delays for the HTTP end-to-end tests.
 */
export async function startTestRelay(): Promise<TestRelay> {
  let behaviour: RelayBehaviour = {}
  const later = (ms: number | undefined, fn: () => void) => (ms ? setTimeout(fn, ms) : fn())
  const relay = await startRelay(
    {
      hideENHANCEDSTATUSCODES: false,
      onMailFrom(address, _session, cb) {
        cb(behaviour.onMail?.(address) ?? null)
      },
      onRcptTo(address, _session, cb) {
        const b = behaviour
        later(b.rcptDelayMs, () => cb(b.onRcpt?.(address) ?? null))
      },
    },
    { queueId: randomQueueId, dataReplyDelayMs: () => behaviour.dataDelayMs },
  )
  return Object.assign(relay, {
    behave(b: RelayBehaviour) {
      behaviour = b
    },
  })
}

/** SMTP client options for `relay`: STARTTLS trusting the test certificate, AUTH with the relay's credentials. */
export function relayClientOptions(relay: Pick<TestRelay, 'port'>, overrides: Partial<SmtpConnectionOptions> = {}): SmtpConnectionOptions {
  return {
    host: '127.0.0.1',
    port: relay.port,
    tls: 'starttls',
    ca: testCert,
    ehloName: 'mailbridge.test',
    auth: { user: RELAY_USER, pass: RELAY_PASS },
    ...overrides,
  }
}
