import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { parse as parseYaml } from 'yaml'
import { loadConfig, type Config } from '../../config/load.js'
import { createTemplateEngine } from '../../mail/template.js'

/**
 * `loadConfig` with Node's file and YAML readers (for `SMTP_TLS_CA_FILE` and `MAILBRIDGE_CONFIG`), the template
 * engine and the machine hostname (default `SMTP_EHLO_NAME`). The service and the CLI read theirs
 * through `loadConfigOrExit` (config-or-exit.ts), which loads the YAML parser
 * only when `MAILBRIDGE_CONFIG` is set, and the template engine only when it has templates.
 *
 * @throws {ConfigError}
 */
export function loadNodeConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(env, { readFile: (path) => readFileSync(path, 'utf8'), parseYaml, templateEngine: createTemplateEngine(), hostname: hostname() })
}
