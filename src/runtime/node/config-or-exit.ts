import { ConfigError, type Config } from '../../config/load.js'
import { loadNodeConfig } from './server.js'

/**
 * The configuration from `env`, or, when a variable is wrong, one line per
 * problem on stderr under `mailbridge: <headline>; fix these settings:` and
 * exit status 1. Startup and `mailbridge check` print the same lines this way.
 *
 * @example
 * ```ts
 * const config = loadConfigOrExit(process.env, 'cannot start')
 * ```
 */
export function loadConfigOrExit(env: Record<string, string | undefined>, headline: string): Config {
  try {
    return loadNodeConfig(env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    process.stderr.write(`mailbridge: ${headline}; fix these settings:\n${e.message}\n`)
    process.exit(1)
  }
}
