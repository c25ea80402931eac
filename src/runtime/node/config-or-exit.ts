import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { ConfigError, loadConfig, type Config } from '../../config/load.js'

/**
 * The configuration from `env` (as `loadNodeConfig` reads it), or, when a
 * variable is wrong, one line per problem on stderr under `mailbridge:
 * <headline>; fix these settings:` and exit status 1. Startup and
 * `mailbridge check` print the same lines this way. The YAML parser, a chunk
 * of its own, is loaded only when `MAILBRIDGE_CONFIG` is set: a start without
 * the file never parses it.
 *
 * @example
 * ```ts
 * const config = await loadConfigOrExit(process.env, 'cannot start')
 * ```
 */
export async function loadConfigOrExit(env: Record<string, string | undefined>, headline: string): Promise<Config> {
  const parseYaml = env.MAILBRIDGE_CONFIG?.trim() ? (await import('./yaml.js')).parseYaml : undefined
  try {
    return loadConfig(env, { readFile: (path) => readFileSync(path, 'utf8'), parseYaml, hostname: hostname() })
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    process.stderr.write(`mailbridge: ${headline}; fix these settings:\n${e.message}\n`)
    process.exit(1)
  }
}
