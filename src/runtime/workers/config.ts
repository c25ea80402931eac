import type { Config, ConfigIssue } from '../../config/load.js'
import { loadRuntimeConfig } from '../../core/runtime-config.js'
import { createTemplateEngine } from '../../mail/template.js'
import { BLOCKED_PORT } from './socket-errors.js'

/**
 * The Worker's configuration: the same variables, read from its env bindings
 * (vars and secrets) and validated by the same `loadConfig` as on Node, plus
 * what Workers require: `SMTP_HOST` (no capture relay), `API_KEYS` (a Worker is
 * reachable from anywhere), a port other than 25, and no `REDIS_URL` (bind a
 * Durable Object instead). Variables that cannot apply come back as warnings.
 * The template engine (liquidjs) is bundled, and made when `MAILBRIDGE_CONFIG` is set.
 *
 * @throws {ConfigError} every problem at once, each naming its variable
 * @example
 * ```ts
 * const config = loadWorkerConfig(env) // env: the Worker's bindings
 * ```
 */
export function loadWorkerConfig(bindings: Readonly<Record<string, unknown>>): Config {
  const rejectUnauthorized = typeof bindings.SMTP_TLS_REJECT_UNAUTHORIZED === 'string' ? bindings.SMTP_TLS_REJECT_UNAUTHORIZED.trim().toLowerCase() : ''
  const file = typeof bindings.MAILBRIDGE_CONFIG === 'string' && bindings.MAILBRIDGE_CONFIG.trim() !== ''
  return loadRuntimeConfig(bindings, {
    runtime: 'Workers',
    load: file ? { templateEngine: createTemplateEngine() } : undefined,
    ignored: {
      PORT: 'the Workers runtime decides where the Worker listens',
      HOST: 'the Workers runtime decides where the Worker listens',
      OUTBOX_DIR: 'there is no capture relay on Workers',
      SMTP_TLS_CA_FILE:
        'Workers check the relay certificate against the public CAs only (local workerd: against the trustedCertificates of its network service)',
      ...(rejectUnauthorized === 'false' ? { SMTP_TLS_REJECT_UNAUTHORIZED: 'the relay certificate is always verified' } : {}),
    },
    required: {
      SMTP_HOST: 'there is no built-in capture relay',
      API_KEYS: 'a Worker is reachable from anywhere',
    },
    check: (env) => {
      const issues: ConfigIssue[] = []
      for (const name of ['SMTP_PORT', 'SMTP_FALLBACK_PORT']) {
        if (env[name] === String(BLOCKED_PORT))
          issues.push({ variable: name, message: 'cannot be 25 on Workers, which block it; use 587 (STARTTLS) or 465 (SMTP_TLS=implicit)' })
      }
      if (env.DELIVERY_MODE?.toLowerCase() === 'mx')
        issues.push({ variable: 'DELIVERY_MODE', message: 'cannot be mx on Workers, which block outbound port 25 (the port MX hosts listen on); use a relay on 587 or 465' })
      if (env.REDIS_URL !== undefined)
        issues.push({ variable: 'REDIS_URL', message: 'cannot be used on Workers; bind a Durable Object as MAILBRIDGE_STATE to share idempotency keys and rate limits' })
      return issues
    },
  })
}
