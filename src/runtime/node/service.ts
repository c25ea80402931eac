/**
 * The long-running Node service: read the environment, start mailbridge, and
 * shut down gracefully on SIGTERM/SIGINT. `npm start` (main.ts) and
 * `mailbridge serve` (cli.ts) both run it.
 */
import { loadConfigOrExit } from './config-or-exit.js'
import { writeLogLine } from './log.js'
import { startServer, type RunningServer, type StartServerOptions } from './server.js'

export { rehearse, type RehearsalOptions } from './rehearsal.js'

/**
 * A copy of the first signal arriving within this many milliseconds is not a
 * second signal: `npm start` forwards the SIGTERM/SIGINT it gets to us, so a
 * terminal's signal to the whole process group reaches us twice.
 */
const REPEAT_GRACE_MS = 1000

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** The message of a startup failure, with its code (`EADDRINUSE`) when the message lacks it. */
function startFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const code = (e as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message
}

/**
 * Runs mailbridge until a signal stops it, then exits the process: 0 after a
 * graceful shutdown, 1 when the configuration is wrong, the server cannot
 * start, or a second signal asks to stop at once. `earlyRelay`: the relay
 * connection main.ts opened while this module loaded; `codeCache`: how it was
 * loaded, for the `listening` line.
 *
 * @example
 * ```ts
 * await runService(process.env)
 * ```
 */
export async function runService(
  env: Record<string, string | undefined> = process.env,
  { earlyRelay, codeCache }: Pick<StartServerOptions, 'earlyRelay' | 'codeCache'> = {},
): Promise<void> {
  const config = await loadConfigOrExit(env, 'cannot start')

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
    server = await startServer(config, { earlyRelay, codeCache })
  } catch (e) {
    fail(`mailbridge: cannot start: ${startFailure(e)}`)
  }
  if (stopping) void shutdown(server)

  // Under `npm start`: npm passes the signals it gets to the process it ran, which
  // is us only because the start script `exec`s node (a shell in between would
  // swallow them). Should npm go away without passing one on (killed outright, or
  // a shell left in the script), we are re-parented: shut down as if signalled
  // rather than linger with the port bound.
  if (env.npm_lifecycle_event === 'start') {
    const parent = process.ppid
    setInterval(() => {
      // Not a second signal: a terminal's SIGTERM to the whole group also ends npm.
      if (!stopping && process.ppid !== parent) stop('SIGTERM')
    }, 250).unref()
  }
}
