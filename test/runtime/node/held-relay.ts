import { SMTPServer } from 'smtp-server'
import { afterEach } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'

/** A relay on 127.0.0.1 that holds each message's final reply until `release()`. */
export interface HeldRelay {
  port: number
  /** Resolves once a message's data has been received (its final reply is being held). */
  received(): Promise<void>
  /** Sends the held final replies (`250 … queued as HELD<n>`). */
  release(): void
  /** SMTP sessions that ended so far (QUIT or connection closed). */
  closedSessions(): number
  close(): Promise<void>
}

export async function startHeldRelay(): Promise<HeldRelay> {
  let gate!: () => void
  const released = new Promise<void>((r) => (gate = r))
  let onReceived!: () => void
  const receivedOnce = new Promise<void>((r) => (onReceived = r))
  let n = 0
  let closed = 0
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    closeTimeout: 1000,
    onClose: () => void closed++,
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => {
        onReceived()
        void released.then(() => callback(null, `Ok: queued as HELD${++n}`))
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: () => receivedOnce,
    release: () => gate(),
    closedSessions: () => closed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The mailbridge environment for this relay: plain SMTP to it, HTTP on an ephemeral port. */
export const heldRelayEnv = (relay: Pick<HeldRelay, 'port'>): Record<string, string> => ({
  PORT: '0',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(relay.port),
  SMTP_TLS: 'none',
})

/**
 * A held relay for the enclosing `describe`: started in `beforeAll`, its held
 * replies released after each test (so a failed test cannot hold up the
 * server's close), closed in `afterAll`. Call the accessor inside hooks and tests.
 */
export function useHeldRelay(): () => HeldRelay {
  const relay = useStarted(startHeldRelay, (r) => {
    r.release()
    return r.close()
  })
  afterEach(() => relay().release())
  return relay
}
