import type { Context } from 'hono'
import type { ComposeOptions } from '../mail/types.js'
import type { Metrics } from '../metrics/mailbridge.js'
import type { ReadyState } from '../smtp/probe.js'
import type { Mailer } from '../smtp/types.js'
import type { IdempotencyStore, RateLimiter } from '../store/types.js'
import type { AppEnv } from './env.js'

/** One line of the request log: what happened, never who or what was sent. */
export interface RequestLogEntry {
  /** ISO 8601 time the request arrived. */
  time: string
  /** `X-Request-Id` as echoed to the caller (the caller's when well-formed, else generated). */
  request_id: string
  method: string
  path: string
  status: number
  /** Wall time from arrival to response, in milliseconds. */
  duration_ms: number
  /** Message-ID of the message sent, on success. */
  message_id?: string
  /** The relay's queue id, on success when the relay named one. */
  queue_id?: string | null
  /** The problem `code` of an error response (e.g. `relay_busy`). */
  error_code?: string
  /** Class name of an unexpected error behind a 500 (never its message). */
  error_name?: string
}

/**
 * Everything `createApp` needs. `src/index.ts` maps the environment
 * (DESIGN.md §2) onto this; tests pass a fake `mailer`.
 *
 * @example
 * ```ts
 * const app = createApp({ mailer, apiKeys: ['s3cret'], defaultFrom: 'App <app@example.com>' })
 * ```
 */
export interface AppOptions {
  /** Sends composed messages: the SMTP pool, the one-shot client, or a fake. */
  mailer: Mailer
  /** Bearer tokens accepted on `/send`. Unset or empty: no authentication. */
  apiKeys?: string[]
  /** Addresses (`a@b.c`) or domains (`@b.c`) a `from` must match. Unset or empty: any sender. */
  allowedSenders?: string[]
  /** Sender used when a request has no `from`. */
  defaultFrom?: string
  /** Largest accepted request body in bytes. Default 10 485 760 (10 MiB). */
  maxBodyBytes?: number
  /** Largest to + cc + bcc count per message. Default 50. */
  maxRecipients?: number
  /** Origins allowed to call from browsers (CORS, preflight included). Unset or empty: no CORS headers. */
  corsOrigins?: string[]
  /** Receives one entry per request. Default: one JSON line on stdout. */
  log?: (entry: RequestLogEntry) => void
  /** Passed to the MIME composer (e.g. `eightBit` when the relay offers 8BITMIME). */
  compose?: ComposeOptions
  /**
   * Keeps `Idempotency-Key` claims and responses. Default: in memory (bounded,
   * per instance). `src/index.ts` passes a Redis store when `REDIS_URL` is set.
   */
  idempotencyStore?: IdempotencyStore
  /** How long a successful response is replayed for a repeated key, in seconds. Default 86 400. */
  idempotencyTtlSeconds?: number
  /** Token buckets limiting the send routes per caller. Overrides `rateLimitPerMinute`. */
  rateLimiter?: RateLimiter
  /** Requests per minute per caller, with an in-memory limiter. Unset (and no `rateLimiter`): no limit. */
  rateLimitPerMinute?: number
  /**
   * The caller's network address, used as the rate-limit identity when
   * authentication is off. Runtime-specific, so passed in: on Node
   * `(c) => getConnInfo(c).remote.address` from `@hono/node-server/conninfo`.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined
  /**
   * Whether the relay answered recently, for `GET /readyz` (issue 6). Runtime-neutral:
   * `src/server.ts` passes `createReadiness(…).check`. Unset: always ready.
   */
  readiness?: () => Promise<ReadyState>
  /**
   * Metrics served on `GET /metrics` (issue 6); the app counts requests and
   * replays into it. Default: a fresh `createMetrics()` (requests only); the
   * Node entry passes one that also sees the pool, sends and retries.
   */
  metrics?: Metrics
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
export const DEFAULT_MAX_RECIPIENTS = 50

/** The default `log`: one JSON line per request on stdout. */
export const logJsonLine = (entry: RequestLogEntry): void => {
  console.log(JSON.stringify(entry))
}
