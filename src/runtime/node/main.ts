/**
 * The Node entry (`npm start`): read the environment, start mailbridge, and
 * shut down gracefully on SIGTERM/SIGINT. Everything else lives in modules
 * that tests import (`server.ts` beside this file, and the core's assembly).
 */
import { ConfigError } from '../../config/load.js'
import { writeLogLine } from './log.js'
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

/**
 * A copy of the first signal arriving within this many milliseconds is not a
 * second signal: `npm start` forwards the SIGTERM/SIGINT it gets to us, so a
 * terminal's signal to the whole process group reaches us twice.
 */
const REPEAT_GRACE_MS = 1000

let server: RunningServer | undefined
let stopping: { signal: NodeJS.Signals; at: number } | undefined
const shutdown = (running: RunningServer) =>
  running.close().then(
    () => process.exit(0),
    (e: unknown) => fail(`mailbridge: shutdown failed: ${e instanceof Error ? e.message : String(e)}`),
  )
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second signal means "now": give up on the graceful path.
    if (signal !== stopping.signal || performance.now() - stopping.at >= REPEAT_GRACE_MS) process.exit(1)
    return
  }
  stopping = { signal, at: performance.now() }
  // Through the line buffer, so it follows request lines still buffered this turn.
  writeLogLine({ time: new Date().toISOString(), level: 'info', msg: `${signal} received` })
  // During startup: stop as soon as the server is up (below).
  if (server) void shutdown(server)
}
// Installed before startServer, which announces "listening": a signal right
// after that line must find the handlers in place, not Node's default (exit).
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

try {
  server = await startServer(config)
} catch (e) {
  const code = (e as { code?: unknown }).code
  fail(`mailbridge: cannot start: ${e instanceof Error ? e.message : String(e)}${typeof code === 'string' && !(e instanceof Error && e.message.includes(code)) ? ` (${code})` : ''}`)
}
if (stopping) void shutdown(server)

// Under `npm start`: npm passes the signals it gets to the process it ran, which
// is us only because the start script `exec`s node (a shell in between would
// swallow them). Should npm go away without passing one on (killed outright, or
// a shell left in the script), we are re-parented: shut down as if signalled
// rather than linger with the port bound.
if (process.env.npm_lifecycle_event === 'start') {
  const parent = process.ppid
  setInterval(() => {
    // Not a second signal: a terminal's SIGTERM to the whole group also ends npm.
    if (!stopping && process.ppid !== parent) stop('SIGTERM')
  }, 250).unref()
}
