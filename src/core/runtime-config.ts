import { CONFIG_VARIABLES, ConfigError, loadConfig, type Config, type ConfigIssue, type LoadConfigOptions } from '../config/load.js'
import { configFileHasKeys } from '../config/frontends-load.js'

/** What a runtime adds to `loadConfig`'s rules. */
export interface RuntimeConfigRules {
  /** The runtime's name in messages (`Workers`, `Lambda`). */
  runtime: string
  /** Variables that cannot apply there, with why: named in a warning when set, then ignored. */
  ignored?: Record<string, string>
  /** Variables the runtime requires, with why. */
  required?: Record<string, string>
  /** Further checks of the variables as given (trimmed, empty ones left out). */
  check?: (env: Readonly<Record<string, string>>) => ConfigIssue[]
  /** For `loadConfig`: the file reader of `SMTP_TLS_CA_FILE` and the default EHLO name. */
  load?: LoadConfigOptions
}

/**
 * `loadConfig` for a runtime that is not a long-running Node server (Workers,
 * Lambda): the same variables, validation and messages, plus the runtime's
 * own rules. Values that are not strings (e.g. Workers bindings to other
 * resources) are not variables and are skipped.
 *
 * @throws {ConfigError} every problem at once, each naming its variable, in the order of the documentation
 * @example
 * ```ts
 * const config = loadRuntimeConfig(env, { runtime: 'Workers', required: { SMTP_HOST: 'there is no capture relay' } })
 * ```
 */
export function loadRuntimeConfig(bindings: Readonly<Record<string, unknown>>, { runtime, ignored = {}, required = {}, check, load }: RuntimeConfigRules): Config {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(bindings)) if (typeof value === 'string') env[name] = value
  const given: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value.trim() !== '') given[name] = value.trim()

  const warnings: string[] = []
  for (const [name, why] of Object.entries(ignored)) {
    if (given[name] !== undefined) warnings.push(`${name} does not apply on ${runtime}: ${why}`)
    delete env[name]
  }
  // Keys in MAILBRIDGE_CONFIG authenticate as API_KEYS do.
  const met = (name: string) => given[name] !== undefined || (name === 'API_KEYS' && configFileHasKeys(given, load))
  const issues: ConfigIssue[] = Object.entries(required)
    .filter(([name]) => !met(name))
    .map(([variable, why]) => ({ variable, message: `is required on ${runtime}: ${why}` }))
  issues.push(...(check?.(given) ?? []))

  let config: Config | undefined
  try {
    config = loadConfig(env, load)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    // One line per variable: the runtime's own reason wins.
    issues.push(...e.issues.filter((i) => !issues.some((mine) => mine.variable === i.variable)))
  }
  if (issues.length > 0 || config === undefined) throw new ConfigError(inDocumentOrder(issues))
  return { ...config, warnings: [...warnings, ...config.warnings] }
}

/** Issues in the order `docs/configuration.md` lists their variables (stable within a variable). */
function inDocumentOrder(issues: ConfigIssue[]): ConfigIssue[] {
  const rank = (v: string) => {
    const i = (CONFIG_VARIABLES as readonly string[]).indexOf(v)
    return i === -1 ? CONFIG_VARIABLES.length : i
  }
  return [...issues].sort((a, b) => rank(a.variable) - rank(b.variable))
}
