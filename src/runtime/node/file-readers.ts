import { readFileSync } from 'node:fs'
import { configFileHasTemplates, type FrontendsFileOptions } from '../../config/frontends-load.js'

/** `read` remembering its last result, so that reading the same key again right after costs nothing. */
function rememberLast<T>(read: (key: string) => T): (key: string) => T {
  let last: { key: string; value: T } | undefined
  return (key) => (last?.key === key ? last.value : (last = { key, value: read(key) }).value)
}

/**
 * The readers `loadConfig` needs on Node for `MAILBRIDGE_CONFIG`, each loaded
 * only when needed, as chunks of their own: the YAML parser when the
 * variable is set, the template engine (liquidjs) when the file has
 * templates. A start without them never evaluates either. The file is read
 * and parsed once: the readers hand the load the text and the data the look
 * for templates got. The service, the CLI and the Lambda handler read their
 * configuration with these.
 *
 * @example
 * ```ts
 * const config = loadConfig(env, { ...(await nodeFileReaders(env)), hostname: hostname() })
 * ```
 */
export async function nodeFileReaders(env: Readonly<Record<string, string | undefined>>): Promise<FrontendsFileOptions> {
  const readFile = rememberLast((path) => readFileSync(path, 'utf8'))
  const parseYaml = env.MAILBRIDGE_CONFIG?.trim() ? rememberLast<unknown>((await import('./yaml.js')).parseYaml) : undefined
  const templateEngine = configFileHasTemplates(env, { readFile, parseYaml }) ? (await import('../../mail/template.js')).createTemplateEngine() : undefined
  return { readFile, parseYaml, templateEngine }
}
