import * as z from 'zod'
import type { AuthMethod, SmtpAuth, TlsMode } from '../smtp/types.js'
import {
  CONTROL, HOST_NAME, bool, checkApiKey, checkOrigin, checkSender,
  int, list, milliseconds, optionalInt, relayHost, shown, text,
} from './fields.js'
import { isLoopbackHost } from './loopback.js'
import { misspeltVariables } from './suggest.js'
import { readCaFile } from './ca-file.js'
import { DEFAULT_TIMEOUTS } from '../smtp/connection.js'
import { isEhloName } from '../smtp/envelope.js'
import { DEFAULT_HTTP_SERVER, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_REPLY_TO } from './limits.js'
import { defaultFromField, defaultFromProblem } from './default-from.js'
import { loadFrontends, type FrontendsConfig, type FrontendsFileOptions } from './frontends-load.js'
import { OUTBOUND_VARIABLES, readOutbound, type OutboundConfig } from './outbound.js'

export { isLoopbackHost }

/**
 * Environment → typed {@link Config}: every variable in `docs/configuration.md`.
 *
 * Pure: no `node:` imports. Reading `SMTP_TLS_CA_FILE` and finding the machine
 * hostname are handed in through {@link LoadConfigOptions}, so the same parser
 * works on Node (see `loadNodeConfig` in `src/runtime/node/node-config.ts`) and elsewhere.
 */

/** Relay settings. `host` undefined means the built-in capture relay. */
export interface SmtpConfig {
  /** `SMTP_HOST`; undefined = built-in capture relay. */
  host: string | undefined
  /** `SMTP_PORT`; 587, or 465 with implicit TLS. */
  port: number
  tls: TlsMode
  /** `SMTP_USER` + `SMTP_PASS` (+ `SMTP_AUTH_METHOD`); undefined = no AUTH. */
  auth: SmtpAuth | undefined
  /** `SMTP_TLS_CA_FILE` as given. */
  caFile: string | undefined
  /** The PEM text read from `caFile`. */
  ca: string | undefined
  rejectUnauthorized: boolean
  ehloName: string
  timeouts: { connect: number; command: number; data: number }
  poolSize: number
  poolMaxMessages: number
  /** `SMTP_TRACE`: log every SMTP command and reply line (credentials and content left out). */
  trace: boolean
  /** `SMTP_RETRY_ATTEMPTS`: attempts per send for failures before hand-over. */
  retryAttempts: number
  /**
   * `SMTP_FALLBACK_HOST` / `SMTP_FALLBACK_PORT`: a second relay used when the first is
   * unreachable, with the same TLS mode, credentials and CA; undefined = none.
   */
  fallback: { host: string; port: number } | undefined
}

/** How the Node HTTP server treats slow, idle and surplus connections (`HTTP_*`). */
export interface HttpServerConfig {
  /** `HTTP_REQUEST_TIMEOUT_MS`: the whole request (headers and body) must arrive within it; `408` and closed otherwise. */
  requestTimeoutMs: number
  /** `HTTP_HEADERS_TIMEOUT_MS`: the request headers must arrive within it (an idle new connection is closed then). */
  headersTimeoutMs: number
  /** `HTTP_KEEP_ALIVE_TIMEOUT_MS`: how long a connection may stay idle between requests. */
  keepAliveTimeoutMs: number
  /** `HTTP_MAX_CONNECTIONS`: connections open at once; further ones are closed on arrival. */
  maxConnections: number
}

/** Everything the service reads from its environment (DKIM and direct delivery: `outbound.ts`). */
export interface Config extends OutboundConfig {
  /** HTTP port (0 = any free port). */
  port: number
  /** HTTP bind address. */
  host: string
  httpServer: HttpServerConfig
  smtp: SmtpConfig
  /** Bearer tokens; undefined = no auth (loopback `host` only). */
  apiKeys: string[] | undefined
  /** Addresses or `@domain` entries a `from` must match; undefined = any. */
  allowedSenders: string[] | undefined
  defaultFrom: string | undefined
  maxBodyBytes: number
  maxRecipients: number
  /** `MAX_REPLY_TO`: most `reply_to` addresses per message. */
  maxReplyTo: number
  /** `MAX_HEADERS`: most custom header fields per message. */
  maxHeaders: number
  /** `MAX_HEADER_BYTES`: most bytes (UTF-8) of custom header names and values together. */
  maxHeaderBytes: number
  /** Normalised origins (`https://app.example.com`); undefined = no CORS. */
  corsOrigins: string[] | undefined
  /** Where the capture relay writes `.eml` files, as given (resolve it against the cwd). */
  outboxDir: string
  /** `REDIS_URL`: idempotency and rate-limit state shared by instances; undefined = in memory. */
  redisUrl: string | undefined
  /** `RATE_LIMIT_PER_MINUTE` per API key (or client address); undefined = no limit. */
  rateLimitPerMinute: number | undefined
  /** `IDEMPOTENCY_TTL_SECONDS`: how long a response is replayed for a repeated `Idempotency-Key`. */
  idempotencyTtlSeconds: number
  /** `SEND_TIMEOUT_MS`: deadline of one send, retries included, before it is answered `relay_timeout`. */
  sendTimeoutMs: number
  /** `MAILBRIDGE_CONFIG`: scoped keys, templates, forms and hooks (see `docs/frontends.md`); undefined = none. */
  frontends: FrontendsConfig | undefined
  /** Settings that work but deserve a warning at startup (never contain secrets). */
  warnings: string[]
}

/** One problem with one variable. */
export interface ConfigIssue {
  variable: string
  message: string
}

/**
 * Thrown by {@link loadConfig}. `message` is one line per problem, each starting
 * with the variable's name; values of secret variables never appear.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly code = 'ECONFIG'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    super(issues.map((i) => `${i.variable}: ${i.message}`).join('\n'))
    this.issues = issues
  }
}

export interface LoadConfigOptions extends FrontendsFileOptions {
  /** Reads `SMTP_TLS_CA_FILE`; throws when unreadable. Without it, setting the variable is an error. */
  readFile?: (path: string) => string
  /** Default for `SMTP_EHLO_NAME` (the machine hostname on Node). */
  hostname?: string
}

/** Every variable mailbridge reads, in the order `docs/configuration.md` lists them. */
export const CONFIG_VARIABLES = [
  'PORT', 'HOST', 'HTTP_REQUEST_TIMEOUT_MS', 'HTTP_HEADERS_TIMEOUT_MS', 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 'HTTP_MAX_CONNECTIONS',
  'SMTP_HOST', 'SMTP_PORT', 'SMTP_TLS', 'SMTP_USER', 'SMTP_PASS', 'SMTP_AUTH_METHOD',
  'SMTP_TLS_CA_FILE', 'SMTP_TLS_REJECT_UNAUTHORIZED', 'SMTP_EHLO_NAME', 'SMTP_TRACE',
  'SMTP_CONNECT_TIMEOUT_MS', 'SMTP_COMMAND_TIMEOUT_MS', 'SMTP_DATA_TIMEOUT_MS',
  'SMTP_POOL_SIZE', 'SMTP_POOL_MAX_MESSAGES', 'API_KEYS', 'ALLOWED_SENDERS',
  'DEFAULT_FROM', 'MAX_BODY_BYTES', 'MAX_RECIPIENTS', 'MAX_REPLY_TO', 'MAX_HEADERS', 'MAX_HEADER_BYTES',
  'CORS_ORIGINS', 'OUTBOX_DIR',
  // shared state, retries and the fallback relay
  'REDIS_URL', 'RATE_LIMIT_PER_MINUTE', 'IDEMPOTENCY_TTL_SECONDS',
  'SEND_TIMEOUT_MS', 'SMTP_RETRY_ATTEMPTS', 'SMTP_FALLBACK_HOST', 'SMTP_FALLBACK_PORT',
  'MAILBRIDGE_CONFIG',
  ...OUTBOUND_VARIABLES,
] as const

/** The SASL mechanisms `SMTP_AUTH_METHOD` may force; XOAUTH2 takes an OAuth2 access token as `SMTP_PASS`. */
const AUTH_METHODS: readonly AuthMethod[] = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2']

/** Variables whose values are never echoed in messages. */
const SECRET = new Set(['SMTP_USER', 'SMTP_PASS', 'API_KEYS', 'REDIS_URL'])

const env = z.object({
  PORT: int(0, 65535, 3000),
  HOST: text().transform((v, ctx) => {
    if (v === undefined) return '127.0.0.1'
    if (HOST_NAME.test(v)) return v.startsWith('[') ? v.slice(1, -1) : v
    ctx.addIssue({ code: 'custom', message: `must be a host name or IP address, got ${shown(v)}` })
    return z.NEVER
  }),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds(DEFAULT_HTTP_SERVER.requestTimeoutMs),
  HTTP_HEADERS_TIMEOUT_MS: milliseconds(DEFAULT_HTTP_SERVER.headersTimeoutMs),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(DEFAULT_HTTP_SERVER.keepAliveTimeoutMs),
  HTTP_MAX_CONNECTIONS: int(1, 1_000_000, DEFAULT_HTTP_SERVER.maxConnections),
  SMTP_HOST: relayHost(),
  SMTP_PORT: optionalInt(1, 65535),
  SMTP_TLS: text().transform((v, ctx): TlsMode => {
    const l = (v ?? 'starttls').toLowerCase()
    if (l === 'starttls' || l === 'implicit' || l === 'none') return l
    ctx.addIssue({ code: 'custom', message: `must be starttls, implicit or none, got ${shown(v ?? '')}` })
    return z.NEVER
  }),
  SMTP_USER: text().transform((v, ctx) => {
    if (v !== undefined && CONTROL.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'contains control characters' })
      return z.NEVER
    }
    return v
  }),
  // A password is taken verbatim (spaces may be meaningful); only emptiness counts as unset.
  SMTP_PASS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined
      if (/[\r\n\0]/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'contains CR, LF or NUL' })
        return z.NEVER
      }
      return v
    }),
  SMTP_AUTH_METHOD: text().transform((v, ctx): AuthMethod | undefined => {
    const u = v?.toUpperCase()
    if (u === undefined || AUTH_METHODS.includes(u as AuthMethod)) return u as AuthMethod | undefined
    ctx.addIssue({ code: 'custom', message: `must be ${AUTH_METHODS.join(', ')} (or unset: the best the relay offers), got ${shown(v!)}` })
    return z.NEVER
  }),
  SMTP_TLS_CA_FILE: text(),
  SMTP_TLS_REJECT_UNAUTHORIZED: bool(true),
  SMTP_TRACE: bool(false),
  SMTP_EHLO_NAME: text().transform((v, ctx) => {
    if (v === undefined || isEhloName(v)) return v
    ctx.addIssue({ code: 'custom', message: 'must be a domain name or an address literal such as [192.0.2.1] (RFC 5321)' })
    return z.NEVER
  }),
  SMTP_CONNECT_TIMEOUT_MS: milliseconds(DEFAULT_TIMEOUTS.connect),
  SMTP_COMMAND_TIMEOUT_MS: milliseconds(DEFAULT_TIMEOUTS.command),
  SMTP_DATA_TIMEOUT_MS: milliseconds(DEFAULT_TIMEOUTS.data),
  SMTP_POOL_SIZE: int(1, 1000, 5),
  SMTP_POOL_MAX_MESSAGES: int(1, 1_000_000, 100),
  API_KEYS: list(checkApiKey, true),
  ALLOWED_SENDERS: list(checkSender),
  DEFAULT_FROM: defaultFromField(),
  MAX_BODY_BYTES: int(1, 1_073_741_824, DEFAULT_MAX_BODY_BYTES),
  MAX_RECIPIENTS: int(1, 100_000, DEFAULT_MAX_RECIPIENTS),
  MAX_REPLY_TO: int(1, 100_000, DEFAULT_MAX_REPLY_TO),
  MAX_HEADERS: int(1, 100_000, DEFAULT_MAX_HEADERS),
  MAX_HEADER_BYTES: int(1, 1_073_741_824, DEFAULT_MAX_HEADER_BYTES),
  CORS_ORIGINS: list(checkOrigin),
  OUTBOX_DIR: text().transform((v, ctx) => {
    if (v === undefined) return './outbox'
    if (!v.includes('\0')) return v
    ctx.addIssue({ code: 'custom', message: 'contains NUL' })
    return z.NEVER
  }),
  // May carry a password: never echoed.
  REDIS_URL: text().transform((v, ctx) => {
    if (v === undefined) return undefined
    let protocol = ''
    try {
      protocol = new URL(v).protocol
    } catch {}
    if (protocol === 'redis:' || protocol === 'rediss:') return v
    ctx.addIssue({ code: 'custom', message: 'must be a URL like redis://host:6379 or rediss://host:6380' })
    return z.NEVER
  }),
  RATE_LIMIT_PER_MINUTE: optionalInt(1, 1_000_000),
  IDEMPOTENCY_TTL_SECONDS: int(1, 2_592_000, 86_400),
  SEND_TIMEOUT_MS: milliseconds(30_000),
  SMTP_RETRY_ATTEMPTS: int(1, 10, 3),
  SMTP_FALLBACK_HOST: relayHost(),
  SMTP_FALLBACK_PORT: optionalInt(1, 65535),
})

// ---------------------------------------------------------------- loadConfig

/**
 * Validates the environment and returns the typed configuration.
 *
 * @throws {ConfigError} one issue per bad variable (all problems at once).
 * @example
 * ```ts
 * const config = loadConfig(process.env, { readFile: (p) => readFileSync(p, 'utf8'), hostname: os.hostname() })
 * ```
 */
export function loadConfig(
  environment: Record<string, string | undefined>,
  { readFile, parseYaml, templateEngine, hostname = 'localhost' }: LoadConfigOptions = {},
): Config {
  // Parsed once per start: without zod's generated fast path, which costs more to compile than it saves here.
  const parsed = env.safeParse(environment, { jitless: true })
  const issues: ConfigIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? 'environment')
        // zod's own messages never carry input values, but a secret's line is ours anyway.
        return { variable, message: SECRET.has(variable) && i.code !== 'custom' ? 'is invalid' : i.message }
      })
  const raw = (name: string): string | undefined => {
    const v = environment[name]?.trim()
    return v === '' ? undefined : v
  }
  const senders = parsed.success ? { allowedSenders: parsed.data.ALLOWED_SENDERS, defaultFrom: parsed.data.DEFAULT_FROM } : {}
  const frontends = loadFrontends(raw('MAILBRIDGE_CONFIG'), environment, { readFile, parseYaml, templateEngine, ...senders })
  issues.push(...frontends.issues)

  // Cross-variable rules, checked on the raw values so they are reported next to field problems.
  const hasUser = raw('SMTP_USER') !== undefined
  const hasPass = (environment.SMTP_PASS ?? '') !== ''
  if (hasUser !== hasPass)
    issues.push({ variable: hasUser ? 'SMTP_PASS' : 'SMTP_USER', message: 'SMTP_USER and SMTP_PASS must be set together (or neither)' })
  if (raw('SMTP_AUTH_METHOD') !== undefined && !hasUser && !hasPass)
    issues.push({ variable: 'SMTP_AUTH_METHOD', message: 'needs SMTP_USER and SMTP_PASS: there is nothing to authenticate with' })
  const host = raw('HOST') ?? '127.0.0.1'
  if (raw('API_KEYS') === undefined && !frontends.config?.keys.length && HOST_NAME.test(host) && !isLoopbackHost(host))
    issues.push({
      variable: 'API_KEYS',
      message: `is required when HOST is not a loopback address (HOST=${shown(host)}); set API_KEYS or bind to 127.0.0.1`,
    })

  const ca = readCaFile(raw('SMTP_TLS_CA_FILE'), readFile, issues)

  // A DEFAULT_FROM that ALLOWED_SENDERS refuses would fail every request without a `from`: say so at startup instead.
  const fromProblem = parsed.success ? defaultFromProblem(parsed.data.DEFAULT_FROM, parsed.data.ALLOWED_SENDERS) : undefined
  if (fromProblem !== undefined) issues.push({ variable: 'DEFAULT_FROM', message: fromProblem })
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (parsed.success && parsed.data.HTTP_HEADERS_TIMEOUT_MS > parsed.data.HTTP_REQUEST_TIMEOUT_MS)
    issues.push({ variable: 'HTTP_HEADERS_TIMEOUT_MS', message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${parsed.data.HTTP_REQUEST_TIMEOUT_MS})` })

  const outbound = readOutbound(environment, { readFile }, issues)
  if (!parsed.success || issues.length > 0) throw new ConfigError(sortIssues(issues))
  const e = parsed.data

  const warnings: string[] = []
  if (!e.SMTP_TLS_REJECT_UNAUTHORIZED)
    warnings.push('SMTP_TLS_REJECT_UNAUTHORIZED=false: the relay certificate is not verified; use this only with test relays')
  const auth: SmtpAuth | undefined =
    e.SMTP_USER !== undefined && e.SMTP_PASS !== undefined
      ? { user: e.SMTP_USER, pass: e.SMTP_PASS, ...(e.SMTP_AUTH_METHOD ? { method: e.SMTP_AUTH_METHOD } : {}) }
      : undefined
  if (e.SMTP_HOST === undefined) {
    const ignored = ['SMTP_PORT', 'SMTP_TLS', 'SMTP_USER', 'SMTP_PASS', 'SMTP_AUTH_METHOD', 'SMTP_TLS_CA_FILE', 'SMTP_TLS_REJECT_UNAUTHORIZED', 'SMTP_FALLBACK_HOST', 'SMTP_FALLBACK_PORT'].filter(
      (n) => raw(n) !== undefined,
    )
    if (ignored.length > 0 && !outbound.direct) warnings.push(`${ignored.join(', ')} ignored: SMTP_HOST is unset, so mail goes to the built-in capture relay`)
  } else if (e.SMTP_TLS === 'none' && auth && !isLoopbackHost(e.SMTP_HOST)) {
    warnings.push('SMTP_TLS=none: the relay credentials cross the network in clear text')
  }

  // SEND_TIMEOUT_MS bounds the whole send, the wait for the final reply included:
  // a longer data timeout set on purpose would silently never apply.
  if ((raw('SMTP_DATA_TIMEOUT_MS') !== undefined || raw('SEND_TIMEOUT_MS') !== undefined) && e.SMTP_DATA_TIMEOUT_MS > e.SEND_TIMEOUT_MS)
    warnings.push(
      `SMTP_DATA_TIMEOUT_MS=${e.SMTP_DATA_TIMEOUT_MS} is cut to SEND_TIMEOUT_MS=${e.SEND_TIMEOUT_MS}: a relay slower than that to confirm a message gets 504 delivery_unknown`,
    )

  if (e.SMTP_HOST !== undefined && e.SMTP_FALLBACK_HOST === undefined && e.SMTP_FALLBACK_PORT !== undefined)
    warnings.push('SMTP_FALLBACK_PORT ignored: SMTP_FALLBACK_HOST is unset')

  // A misspelt variable silently falls back to a default: point it out.
  warnings.push(...misspeltVariables(Object.keys(environment), [...CONFIG_VARIABLES, ...(frontends.config?.variables ?? [])]))

  const smtpPort = e.SMTP_PORT ?? (e.SMTP_TLS === 'implicit' ? 465 : 587)
  return outbound.complete({
    port: e.PORT,
    host: e.HOST,
    httpServer: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    smtp: {
      host: e.SMTP_HOST,
      port: smtpPort,
      tls: e.SMTP_TLS,
      auth,
      caFile: raw('SMTP_TLS_CA_FILE'),
      ca,
      rejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
      trace: e.SMTP_TRACE,
      ehloName: e.SMTP_EHLO_NAME ?? (isEhloName(hostname) ? hostname : 'localhost'),
      timeouts: { connect: e.SMTP_CONNECT_TIMEOUT_MS, command: e.SMTP_COMMAND_TIMEOUT_MS, data: e.SMTP_DATA_TIMEOUT_MS },
      poolSize: e.SMTP_POOL_SIZE,
      poolMaxMessages: e.SMTP_POOL_MAX_MESSAGES,
      retryAttempts: e.SMTP_RETRY_ATTEMPTS,
      fallback:
        e.SMTP_HOST !== undefined && e.SMTP_FALLBACK_HOST !== undefined
          ? { host: e.SMTP_FALLBACK_HOST, port: e.SMTP_FALLBACK_PORT ?? smtpPort }
          : undefined,
    },
    apiKeys: e.API_KEYS,
    allowedSenders: e.ALLOWED_SENDERS,
    defaultFrom: e.DEFAULT_FROM,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxRecipients: e.MAX_RECIPIENTS,
    maxReplyTo: e.MAX_REPLY_TO,
    maxHeaders: e.MAX_HEADERS,
    maxHeaderBytes: e.MAX_HEADER_BYTES,
    corsOrigins: e.CORS_ORIGINS?.map((o) => new URL(o).origin),
    outboxDir: e.OUTBOX_DIR,
    redisUrl: e.REDIS_URL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS,
    sendTimeoutMs: e.SEND_TIMEOUT_MS,
    frontends: frontends.config,
    warnings,
  })
}

/** Issues in the order of `CONFIG_VARIABLES`, so the output reads like the docs. */
function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const rank = (v: string) => {
    const i = (CONFIG_VARIABLES as readonly string[]).indexOf(v)
    return i === -1 ? CONFIG_VARIABLES.length : i
  }
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => rank(a.issue.variable) - rank(b.issue.variable) || a.i - b.i).map((x) => x.issue)
}
