import { hostname } from 'node:os'
import { ConfigError, loadConfig, type Config } from '../../config/load.js'
import { nodeFileReaders } from './file-readers.js'

/**
 * The configuration from `env` as `loadNodeConfig` reads it, with the YAML
 * parser and the template engine loaded only when the configuration needs
 * them ({@link nodeFileReaders}).
 *
 * @throws {ConfigError}
 */
export async function readNodeConfig(env: Record<string, string | undefined>): Promise<Config> {
  return loadConfig(env, { ...(await nodeFileReaders(env)), hostname: hostname() })
}

/**
 * The configuration from `env` ({@link readNodeConfig}), or, when a
 * variable is wrong, one line per problem on stderr under `mailbridge:
 * <headline>; fix these settings:` and exit status 1. Startup and
 * `mailbridge check` print the same lines this way. The YAML parser and the
 * template engine are loaded only when the configuration needs them
 * ({@link nodeFileReaders}).
 *
 * @example
 * ```ts
 * const config = await loadConfigOrExit(process.env, 'cannot start')
 * ```
 */
export async function loadConfigOrExit(env: Record<string, string | undefined>, headline: string): Promise<Config> {
  try {
    return await readNodeConfig(env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    process.stderr.write(`mailbridge: ${headline}; fix these settings:\n${e.message}\n`)
    process.exit(1)
  }
}
