import type { TemplateEngine } from '../mail/template-types.js'
import type { ConfigIssue } from './load.js'
import { frontendsFileSchema, type FrontendsFile } from './frontends-schema.js'
import { resolveFrontends, type ResolveContext } from './frontends-resolve.js'
import type { FrontendsConfig } from './frontends.js'

export type { FrontendsConfig }

/** The variable that names the configuration file (or, on Workers, holds its JSON). */
export const CONFIG_FILE_VARIABLE = 'MAILBRIDGE_CONFIG'

/** What reading `MAILBRIDGE_CONFIG` needs from the runtime. */
export interface FrontendsFileOptions {
  /** Reads a file (the configuration file, template files); throws when unreadable. Without it only inline JSON works. */
  readFile?: (path: string) => string
  /** Parses YAML; the runtime passes it so that runtimes without files (Workers) do not carry a YAML parser. Without it only JSON works. */
  parseYaml?: (text: string) => unknown
  /**
   * Compiles templates; the runtime passes it so that it can load the engine
   * (liquidjs) only when the file has templates (see {@link configFileHasTemplates}).
   * Without it a file with templates is a problem.
   */
  templateEngine?: TemplateEngine | undefined
}

/** Options for {@link loadFrontends}: the runtime's readers and the variables the file is checked against. */
export interface LoadFrontendsOptions extends FrontendsFileOptions {
  /** `ALLOWED_SENDERS`: key `senders` must stay within it, and forms' and hooks' `from` must pass it. */
  allowedSenders?: readonly string[] | undefined
  /** `DEFAULT_FROM`: forms and hooks without `from` use it. */
  defaultFrom?: string | undefined
}

/** The configuration, or the problems that stop startup (each a `MAILBRIDGE_CONFIG:` line). */
export interface LoadedFrontends {
  config: FrontendsConfig | undefined
  issues: ConfigIssue[]
}

const issue = (message: string): ConfigIssue => ({ variable: CONFIG_FILE_VARIABLE, message })

/** `keys[0].secret`, `forms.contact.to[1]`: a path as a reader finds it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? String(p) : `${out}.${String(p)}`), '')
}

/** Where a JSON syntax error is, without quoting the text around it (which may hold anything). */
function jsonProblem(e: unknown, text: string): string {
  const position = /position (\d+)/.exec(String(e instanceof Error ? e.message : e))?.[1]
  if (position === undefined) return 'is not valid JSON'
  const before = text.slice(0, Number(position))
  const line = before.split('\n').length
  return `is not valid JSON (line ${line}, column ${Number(position) - before.lastIndexOf('\n')})`
}

/** The file's text and where relative template paths start, or the problem reading it. */
function source(value: string, readFile: FrontendsFileOptions['readFile']): { text: string; dir: string | undefined; path: string | undefined } | string {
  if (value.startsWith('{')) return { text: value, dir: undefined, path: undefined }
  if (!readFile) return 'names a file, but this runtime reads no files: set the JSON itself as the value'
  try {
    return { text: readFile(value), dir: value.slice(0, value.lastIndexOf('/') + 1), path: value }
  } catch (e) {
    const code = (e as { code?: unknown }).code
    return `cannot read ${JSON.stringify(value)}${typeof code === 'string' ? ` (${code})` : ''}`
  }
}

/** Parses the text as JSON (inline, `.json`) or YAML, or says where it is broken. */
function parse(text: string, path: string | undefined, parseYaml: FrontendsFileOptions['parseYaml']): { data: unknown } | string {
  const json = path === undefined || /\.json$/i.test(path)
  if (json || !parseYaml) {
    try {
      return { data: JSON.parse(text) }
    } catch (e) {
      return json ? jsonProblem(e, text) : 'is YAML, which this runtime cannot read: write the file as JSON'
    }
  }
  try {
    return { data: parseYaml(text) }
  } catch (e) {
    // The first line names the problem and its place; the next ones quote the file.
    return `is not valid YAML: ${String(e instanceof Error ? e.message : e).split('\n')[0]!.replace(/:$/, '')}`
  }
}

/**
 * Reads and validates `MAILBRIDGE_CONFIG`: a path to a YAML or JSON file, or
 * (starting with `{`) the JSON itself. Secrets come from variables
 * (`env:NAME`) or as SHA-256 digests; template files are read relative to
 * the file; templates are compiled; every reference (a form's template, a
 * key's senders within `ALLOWED_SENDERS`) is checked. Every problem is one
 * issue, and none quotes a secret.
 *
 * @example
 * ```ts
 * const { config, issues } = loadFrontends('/etc/mailbridge.yaml', process.env, { readFile, parseYaml })
 * ```
 */
export function loadFrontends(
  value: string | undefined,
  environment: Readonly<Record<string, string | undefined>>,
  { readFile, parseYaml, templateEngine, allowedSenders, defaultFrom }: LoadFrontendsOptions = {},
): LoadedFrontends {
  if (value === undefined) return { config: undefined, issues: [] }
  const found = source(value, readFile)
  if (typeof found === 'string') return { config: undefined, issues: [issue(found)] }
  const parsed = parse(found.text, found.path, parseYaml)
  if (typeof parsed === 'string') return { config: undefined, issues: [issue(parsed)] }
  const checked = frontendsFileSchema().safeParse(parsed.data ?? {})
  if (!checked.success) {
    return { config: undefined, issues: checked.error.issues.map((i) => issue(`${formatPath(i.path) || 'the file'}: ${i.message.replace(/^Invalid input: /, '')}`)) }
  }
  const context: ResolveContext = { environment, readFile, dir: found.dir, allowedSenders, defaultFrom, templateEngine }
  const resolved = resolveFrontends(checked.data as FrontendsFile, context)
  return { config: resolved.problems.length === 0 ? resolved.config : undefined, issues: resolved.problems.map(issue) }
}

/**
 * Whether `MAILBRIDGE_CONFIG` gives API keys (a valid file with at least one
 * key): they meet a runtime's need for `API_KEYS` as well as `API_KEYS` does.
 */
export function configFileHasKeys(environment: Readonly<Record<string, string | undefined>>, options: FrontendsFileOptions = {}): boolean {
  const value = environment[CONFIG_FILE_VARIABLE]?.trim()
  return value !== undefined && value !== '' && (loadFrontends(value, environment, options).config?.keys.length ?? 0) > 0
}

/**
 * Whether `MAILBRIDGE_CONFIG` names templates (a file that reads and parses,
 * with a non-empty `templates`): only then does a runtime need to load a
 * template engine for {@link loadFrontends}. Nothing is validated here.
 */
export function configFileHasTemplates(environment: Readonly<Record<string, string | undefined>>, { readFile, parseYaml }: FrontendsFileOptions = {}): boolean {
  const value = environment[CONFIG_FILE_VARIABLE]?.trim()
  if (value === undefined || value === '') return false
  const found = source(value, readFile)
  if (typeof found === 'string') return false
  const parsed = parse(found.text, found.path, parseYaml)
  if (typeof parsed === 'string') return false
  const templates = (parsed.data as { templates?: unknown } | null | undefined)?.templates
  return typeof templates === 'object' && templates !== null && Object.keys(templates).length > 0
}
