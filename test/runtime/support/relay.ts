import type { SMTPServerOptions } from 'smtp-server'
import { RELAY_PASS, RELAY_USER, randomQueueId, startRelay, type Relay, type RelayExtras } from '../../helpers/smtp-server-relay.js'
import { leafCert, leafKey } from './tls.js'

export { RELAY_PASS, RELAY_USER }

/** A relay that also counts its SMTP sessions. */
export interface CountingRelay extends Relay {
  /** Sessions opened (TCP connections accepted; one closed before its greeting counts once it closed). */
  readonly sessions: number
  /** Sessions that ended (QUIT, reset or closed). */
  readonly closed: number
}

/**
 * A real `smtp-server` on 127.0.0.1 requiring STARTTLS (the CA-signed leaf
 * certificate, which every runtime can be told to trust) and AUTH, announcing
 * a random queue id per message. `overrides` change it (e.g. `hideSTARTTLS`,
 * `secure` for implicit TLS, another `cert`); `extras` can slow its final reply.
 */
export async function startCountingRelay(overrides: Partial<SMTPServerOptions> = {}, extras: Pick<RelayExtras, 'dataReplyDelayMs'> = {}): Promise<CountingRelay> {
  // smtp-server skips onConnect for a client gone before it was greeted, not onClose: count session ids seen by either.
  const seen = new Set<string>()
  const ended = new Set<string>()
  const relay = await startRelay(
    {
      key: leafKey,
      cert: leafCert,
      hideENHANCEDSTATUSCODES: false,
      onConnect(session, cb) {
        seen.add(session.id)
        cb()
      },
      onClose(session) {
        seen.add(session.id)
        ended.add(session.id)
      },
      ...overrides,
    },
    { queueId: randomQueueId, ...extras },
  )
  // defineProperties, not Object.assign, which would copy the getters' values once.
  return Object.defineProperties(relay as CountingRelay, {
    sessions: { get: () => seen.size },
    closed: { get: () => ended.size },
  })
}

/** The mailbridge variables that point at `relay` with its credentials. */
export function relayVariables(relay: Pick<Relay, 'port'>): Record<string, string> {
  return {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(relay.port),
    SMTP_TLS: 'starttls',
    SMTP_USER: RELAY_USER,
    SMTP_PASS: RELAY_PASS,
    SMTP_EHLO_NAME: 'mailbridge.test',
  }
}
