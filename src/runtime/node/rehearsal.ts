/**
 * A first request, rehearsed by the build before it writes the V8 code cache
 * (write-code-cache.ts): the cache then holds the compiled code of what a
 * cold start's first `POST /send` runs (reading the configuration, the app,
 * the send path, the SMTP client), not only the bundle's top level.
 */
import type { Log } from '../../http/log.js'
import { readNodeConfig } from './config-or-exit.js'
import { startServer, writeLogLine } from './server.js'

/** Options of {@link rehearse}. */
export interface RehearsalOptions {
  /** The plain-TCP relay the rehearsal sends its one message to. */
  relay: { host: string; port: number }
  /** Receives the service's log lines. Default: {@link writeLogLine}, as the service logs (its code is on a first request's path too). */
  log?: Log
}

const KEY = 'code-cache-rehearsal-key'

/**
 * Starts the service on an ephemeral loopback port with the relay `relay`,
 * sends one message through `POST /send` (text and HTML, a UTF-8 subject),
 * and stops the service.
 *
 * @throws {Error} when the send is not answered 200, naming the status and the
 *   answer; a `ConfigError` when the relay's address is not one the
 *   configuration takes (never exits: the build only warns).
 */
export async function rehearse({ relay, log = writeLogLine }: RehearsalOptions): Promise<void> {
  const env = { PORT: '0', HOST: '127.0.0.1', SMTP_HOST: relay.host, SMTP_PORT: String(relay.port), SMTP_TLS: 'none', API_KEYS: KEY }
  const server = await startServer(await readNodeConfig(env), { log })
  try {
    const res = await fetch(`${server.url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ from: 'rehearsal@example.com', to: 'rehearsal@example.org', subject: 'Grüße', text: 'Hello.', html: '<p>Hello.</p>' }),
    })
    const answer = await res.text()
    if (res.status !== 200) throw new Error(`the rehearsal send was answered ${res.status}: ${answer.slice(0, 300)}`)
  } finally {
    await server.close()
  }
}
