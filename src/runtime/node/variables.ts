import { CONFIG_VARIABLES } from '../../config/load.js'

/** A variable mailbridge reads (one of `CONFIG_VARIABLES`). */
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number]

/**
 * One line per variable, for `mailbridge --help`: what it sets and its
 * default. The only copy of this text; docs/cli.md shows it through the help
 * output (a test compares them), docs/configuration.md has the full story.
 * Typed by `CONFIG_VARIABLES`, so a new variable without a line here does not
 * compile.
 */
export const VARIABLE_SUMMARIES: Readonly<Record<ConfigVariable, string>> = {
  PORT: 'HTTP port, 0 for any free one (default 3000)',
  HOST: 'HTTP bind address; non-loopback needs API_KEYS (default 127.0.0.1)',
  HTTP_REQUEST_TIMEOUT_MS: 'deadline for a whole request, headers and body, else 408 (default 30000)',
  HTTP_HEADERS_TIMEOUT_MS: 'deadline for a request\'s headers, else 408 (default 10000)',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 'an idle keep-alive connection is closed after this long (default 5000)',
  HTTP_MAX_CONNECTIONS: 'most open HTTP connections; more are closed unanswered (default 1024)',
  SMTP_HOST: 'relay host name or IP; unset: the built-in capture relay writes mail to OUTBOX_DIR',
  SMTP_PORT: 'relay port (default 587, or 465 with SMTP_TLS=implicit)',
  SMTP_TLS: 'starttls, implicit or none (default starttls; never falls back to clear text)',
  SMTP_USER: 'relay user name; set with SMTP_PASS (secret)',
  SMTP_PASS: 'relay password or OAuth2 token, taken verbatim; set with SMTP_USER (secret)',
  SMTP_AUTH_METHOD: 'force PLAIN, LOGIN, CRAM-MD5 or XOAUTH2 (default: the best the relay offers)',
  SMTP_TLS_CA_FILE: 'PEM file of extra CA certificates to trust for the relay',
  SMTP_TLS_REJECT_UNAUTHORIZED: 'false accepts any relay certificate; test relays only (default true)',
  SMTP_EHLO_NAME: 'name sent in EHLO (default: this machine\'s hostname)',
  SMTP_TRACE: 'true logs every SMTP command and reply line, credentials and content left out (default false)',
  SMTP_CONNECT_TIMEOUT_MS: 'deadline for connect, TLS handshake and greeting (default 10000)',
  SMTP_COMMAND_TIMEOUT_MS: 'deadline for each command\'s reply (default 30000)',
  SMTP_DATA_TIMEOUT_MS: 'deadline for the reply to the message data, capped by SEND_TIMEOUT_MS (default 60000)',
  SMTP_POOL_SIZE: 'most relay connections open at once (default 5)',
  SMTP_POOL_MAX_MESSAGES: 'messages per relay connection before it is replaced (default 100)',
  API_KEYS: 'comma-separated bearer tokens; unset: no authentication, loopback HOST only (secret)',
  ALLOWED_SENDERS: 'comma-separated addresses or @domains a from must match (default: any)',
  DEFAULT_FROM: 'sender when a request has no from, e.g. "App <app@example.com>"',
  MAX_BODY_BYTES: 'largest request body in bytes (default 10485760)',
  MAX_RECIPIENTS: 'most to + cc + bcc addresses per message (default 50)',
  MAX_REPLY_TO: 'most reply_to addresses per message (default 10)',
  MAX_HEADERS: 'most custom header fields per message (default 50)',
  MAX_HEADER_BYTES: 'most bytes of custom header names and values together (default 16384)',
  CORS_ORIGINS: 'comma-separated origins allowed to call from browsers (default: no CORS)',
  OUTBOX_DIR: 'where the capture relay writes .eml files (default ./outbox)',
  REDIS_URL: 'redis:// or rediss:// URL sharing idempotency keys and rate limits (secret)',
  RATE_LIMIT_PER_MINUTE: 'requests per minute per API key or client address (default: no limit)',
  IDEMPOTENCY_TTL_SECONDS: 'how long a response is replayed for an Idempotency-Key (default 86400)',
  SEND_TIMEOUT_MS: 'deadline of one send, retries included (default 30000)',
  SMTP_RETRY_ATTEMPTS: 'attempts per message for failures before hand-over (default 3)',
  SMTP_FALLBACK_HOST: 'second relay, used only while SMTP_HOST is unreachable',
  SMTP_FALLBACK_PORT: 'fallback relay port (default: the relay port)',
  MAILBRIDGE_CONFIG: 'YAML or JSON file of scoped keys, templates, forms and hooks (or the JSON itself)',
  DKIM_DOMAIN: 'DKIM signing domain (d=); set with DKIM_SELECTOR and DKIM_PRIVATE_KEY',
  DKIM_SELECTOR: 'DKIM selector (s=): the key is published at <selector>._domainkey.<domain>',
  DKIM_PRIVATE_KEY: 'DKIM private key, PEM PKCS#8, RSA of 2048+ bits or Ed25519 (secret)',
  DKIM_PRIVATE_KEY_FILE: 'file holding the DKIM private key, instead of DKIM_PRIVATE_KEY',
  DKIM_KEYS: 'JSON array of {domain, selector, private_key or private_key_file}, one per domain (secret)',
  DKIM_EXPIRE_SECONDS: 'signatures expire this long after signing, x= (default: no expiry)',
  DELIVERY_MODE: 'relay, or mx to deliver straight to recipients\' MX hosts; no queue (default relay)',
  MX_PORT: 'port of MX hosts, for tests only (default 25)',
  MX_TLS: 'may (STARTTLS when offered), require, or verify the certificate (default may)',
  MX_CONCURRENCY: 'most recipient domains one message is delivered to at once (default 5)',
  MX_ALLOW_PRIVATE: 'true also delivers to private, loopback and link-local MX addresses; tests and closed networks only (default false)',
  DNS_SERVERS: 'comma-separated resolver addresses for MX lookups, ip or ip:port (default: the system\'s)',
}

/** Every variable with its line, in the order of `CONFIG_VARIABLES` (the order docs/configuration.md follows). */
export function variableSummaries(): { name: ConfigVariable; summary: string }[] {
  return CONFIG_VARIABLES.map((name) => ({ name, summary: VARIABLE_SUMMARIES[name] }))
}
