import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binary } from './binaries.js'
import { startRuntime, waitForHttp, type RuntimeProcess } from './child.js'
import { freePort } from '../../helpers/ports.js'
import { CA_FILE } from './tls.js'

/** One Worker in the workerd config: its variables and whether it binds the Durable Object. */
export interface WorkerSpec {
  /** Text bindings: the mailbridge variables. */
  vars: Record<string, string>
  /** Bind `MAILBRIDGE_STATE` to the namespace of the worker named here (itself when true). */
  state?: boolean | string
}

/** A running workerd with one HTTP socket per Worker. */
export interface Workerd {
  proc: RuntimeProcess
  /** `http://127.0.0.1:port` of each Worker, by name. */
  urls: Record<string, string>
  stop(): Promise<void>
}

const text = (s: string) => JSON.stringify(s) // a Cap'n Proto text literal escapes like JSON

/**
 * Starts workerd with `script` (a Workers ES module: dist/worker.js) as each
 * Worker in `workers`, each on its own 127.0.0.1 port. Outbound sockets go
 * through a network service that may reach loopback ("local"; the default
 * allows only "public") and trusts the test CA, as production Workers trust
 * the public CAs. Durable Objects are kept in memory. Resolves once every
 * Worker answers `GET /healthz`, or at once without `waitForReady` (to time
 * a cold start).
 */
export async function startWorkerd(script: string, workers: Record<string, WorkerSpec>, options: { waitForReady?: boolean } = {}): Promise<Workerd> {
  // A port found free may be taken before workerd binds it (other tests run alongside): try again with new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(script, workers, options)
    } catch (e) {
      if (attempt === 3 || !/address already in use|EADDRINUSE/i.test(String(e))) throw e
    }
  }
}

async function startOnce(script: string, workers: Record<string, WorkerSpec>, { waitForReady = true }: { waitForReady?: boolean }): Promise<Workerd> {
  const dir = mkdtempSync(join(tmpdir(), 'mailbridge-workerd-'))
  copyFileSync(script, join(dir, 'worker.js'))
  copyFileSync(CA_FILE, join(dir, 'ca.pem'))
  const names = Object.keys(workers)
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)))
  const services = names.map((n) => `(name = ${text(n)}, worker = .${n}Worker)`)
  const sockets = names.map((n) => `(name = ${text(`http-${n}`)}, address = ${text(`127.0.0.1:${ports[n]}`)}, http = (), service = ${text(n)})`)
  const definitions = names.map((n) => {
    const { vars, state } = workers[n]!
    const bindings = Object.entries(vars).map(([k, v]) => `(name = ${text(k)}, text = ${text(v)})`)
    if (state) {
      const owner = state === true ? n : state
      bindings.push(`(name = "MAILBRIDGE_STATE", durableObjectNamespace = (serviceName = ${text(owner)}, className = "MailbridgeState"))`)
    }
    return `const ${n}Worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_als"],
  bindings = [${bindings.join(', ')}],
  globalOutbound = "internet",
  durableObjectNamespaces = [(className = "MailbridgeState", uniqueKey = ${text(`mailbridge-${n}`)})],
  durableObjectStorage = (inMemory = void),
);`
  })
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${services.join(',\n    ')},
    (name = "internet", network = (allow = ["public", "local"], tlsOptions = (trustBrowserCas = true, trustedCertificates = [embed "ca.pem"]))),
  ],
  sockets = [${sockets.join(', ')}],
);
${definitions.join('\n')}
`,
  )
  const proc = startRuntime(binary('workerd'), ['serve', join(dir, 'config.capnp'), '--verbose'])
  const urls = Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:${ports[n]}`]))
  try {
    if (waitForReady) for (const url of Object.values(urls)) await waitForHttp(`${url}/healthz`, proc)
  } catch (e) {
    await proc.stop()
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  return {
    proc,
    urls,
    async stop() {
      await proc.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
