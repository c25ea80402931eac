import { ConfigError, loadConfig, type LoadConfigOptions } from '../../src/config/load.js'
import { createTemplateEngine } from '../../src/mail/template.js'

/** The options every runtime passes: its template engine, and whatever the test adds. */
const withEngine = (options: LoadConfigOptions = {}): LoadConfigOptions => ({ templateEngine: createTemplateEngine(), ...options })

/** The ConfigError `loadConfig` throws for an environment; fails the test when it accepts it or throws anything else. */
export function configError(env: Record<string, string>, options?: LoadConfigOptions): ConfigError {
  try {
    loadConfig(env, withEngine(options))
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error('expected a ConfigError')
}

/** The startup problem lines for an environment, one per variable; `[]` when it is valid. */
export function configIssues(env: Record<string, string>, options?: LoadConfigOptions): string[] {
  try {
    loadConfig(env, withEngine(options))
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n')
    throw e
  }
  return []
}
