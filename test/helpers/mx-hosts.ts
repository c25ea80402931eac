import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { SMTPServer } from 'smtp-server'
import { randomQueueId, smtpReply } from './smtp-server-relay.js'

const tlsDir = fileURLToPath(new URL('../fixtures/tls/', import.meta.url))
/** The test CA, which signed the MX hosts' certificate (valid for `localhost` and 127.0.0.1). */
export const MX_CA_FILE = `${tlsDir}ca.pem`

/** A message one MX host accepted. */
export interface MxReceived {
  from: string
  to: string[]
  raw: Buffer
  queueId: string
  /** Whether it arrived over TLS (STARTTLS). */
  secure: boolean
  /** The client's EHLO name. */
  ehlo: string
}

/** One MX host: an smtp-server on its own loopback address. */
export interface MxHost {
  address: string
  /** Sessions opened. */
  sessions: number
  received: MxReceived[]
  /** Decides each RCPT: a reply to refuse it with, or undefined to accept. Change it per test. */
  rcpt: (address: string) => { code: number; message: string } | undefined
}

/** MX hosts sharing one port (as MX hosts share port 25), each on its own 127.0.0.x address. */
export interface MxHosts {
  port: number
  hosts: Record<string, MxHost>
  stop(): Promise<void>
}

/** Options for {@link startMxHosts}. */
export interface MxHostsOptions {
  /** Addresses that do not offer STARTTLS. */
  noStarttls?: string[]
  /** Addresses that offer STARTTLS but speak only TLS 1.0, which Node's client refuses: the handshake fails. */
  brokenTls?: string[]
}

/**
 * Real `smtp-server` peers, one per address (`127.0.0.2`, `127.0.0.3`, …),
 * all on the same free port, as MX hosts are all on port 25: no AUTH,
 * STARTTLS with the test CA's certificate for `localhost` (unless listed in
 * `noStarttls`), a queue id per message. An address with nothing listening on
 * that port plays an MX host that is down.
 */
export async function startMxHosts(addresses: string[], options: MxHostsOptions = {}): Promise<MxHosts> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(addresses, options)
    } catch (e) {
      // The port found free on the first address may be taken on another: try again with a new one.
      if (attempt === 3 || (e as { code?: string }).code !== 'EADDRINUSE') throw e
    }
  }
}

async function startOnce(addresses: string[], { noStarttls = [], brokenTls = [] }: MxHostsOptions): Promise<MxHosts> {
  const servers: SMTPServer[] = []
  const hosts: Record<string, MxHost> = {}
  const stop = () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined)
  let port = 0
  try {
    for (const address of addresses) {
      const host: MxHost = { address, sessions: 0, received: [], rcpt: () => undefined }
      hosts[address] = host
      const server = new SMTPServer({
        key: readFileSync(`${tlsDir}leaf-key.pem`),
        cert: readFileSync(`${tlsDir}leaf-cert.pem`),
        authOptional: true,
        disabledCommands: ['AUTH'],
        hideSTARTTLS: noStarttls.includes(address),
        ...(brokenTls.includes(address) ? { minVersion: 'TLSv1', maxVersion: 'TLSv1' } : {}),
        hideENHANCEDSTATUSCODES: false,
        disableReverseLookup: true,
        logger: false,
        onConnect(_session, cb) {
          host.sessions++
          cb()
        },
        onRcptTo(rcpt, _session, cb) {
          const refusal = host.rcpt(rcpt.address)
          cb(refusal ? smtpReply(refusal.code, refusal.message) : null)
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            const queueId = randomQueueId()
            host.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks),
              queueId,
              secure: session.secure,
              ehlo: session.hostNameAppearsAs,
            })
            cb(null, `Ok: queued as ${queueId}`)
          })
        },
      })
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, address, () => {
          server.off('error', reject)
          // smtp-server reports a session's failed TLS handshake as a server error: it is the peer's business, not ours.
          server.on('error', () => undefined)
          const a = server.server.address()
          if (port === 0 && typeof a === 'object' && a) port = a.port
          resolve()
        })
      })
    }
  } catch (e) {
    await stop()
    throw e
  }
  return { port, hosts, stop }
}
