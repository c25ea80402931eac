import type { Config } from '../../src/config/load.js'
import { startServer, type LogLine, type RunningServer, type StartServerOptions } from '../../src/runtime/node/server.js'
import { useStarted } from './fixture.js'

/** A mailbridge for the enclosing `describe`, from {@link useServer}. */
export interface ServerFixture {
  /** The running server: call inside hooks and tests. */
  server: () => RunningServer
  /** Every request log entry and service event it emitted, in order. */
  log: LogLine[]
}

/**
 * Registers hooks that run `startServer(await config(), options)` in
 * `beforeAll`, collecting its log lines, and `close()` it in `afterAll`.
 * `config` runs after the hooks registered before this call, so start the
 * relays it points at first; the server then closes before them.
 */
export function useServer(
  config: () => Config | Promise<Config>,
  options: Omit<StartServerOptions, 'log'> = {},
): ServerFixture {
  const log: LogLine[] = []
  const server = useStarted(async () => startServer(await config(), { ...options, log: (line) => log.push(line) }))
  return { server, log }
}
