/**
 * The Node entry (`npm start`): read the environment, start mailbridge, and
 * shut down gracefully on SIGTERM/SIGINT. Everything else lives in modules
 * that tests import (`src/server.ts`, `src/config.ts`).
 */
import { ConfigError } from './config.js'
import { loadNodeConfig, startServer, type RunningServer } from './server.js'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

let config
try {
  config = loadNodeConfig(process.env)
} catch (e) {
  if (e instanceof ConfigError) fail(`mailbridge: cannot start; fix these settings:\n${e.message}`)
  throw e
}

let server: RunningServer
try {
  server = await startServer(config)
} catch (e) {
  const code = (e as { code?: unknown }).code
  fail(`mailbridge: cannot start: ${e instanceof Error ? e.message : String(e)}${typeof code === 'string' && !(e instanceof Error && e.message.includes(code)) ? ` (${code})` : ''}`)
}

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  // A second signal means "now": give up on the graceful path.
  if (stopping) process.exit(1)
  stopping = true
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: `${signal} received` })}\n`)
  server.close().then(
    () => process.exit(0),
    (e: unknown) => fail(`mailbridge: shutdown failed: ${e instanceof Error ? e.message : String(e)}`),
  )
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

// npm 11 does not pass a SIGTERM sent to it on to the script it runs: it exits
// at once and leaves us running with the port bound (what `docker stop` on an
// `npm start` container does). The start script `exec`s node, so npm is our
// parent; when it goes away we are re-parented, and shut down as if signalled.
if (process.env.npm_lifecycle_event === 'start') {
  const parent = process.ppid
  setInterval(() => {
    // Not a second signal: a terminal's SIGTERM to the whole group also ends npm.
    if (!stopping && process.ppid !== parent) stop('SIGTERM')
  }, 250).unref()
}
