import type { Context } from 'hono'
import type { ApiKeyConfig, FormConfig, HookConfig } from '../config/frontends.js'
import type { Metrics } from '../metrics/mailbridge.js'
import type { ReadyState } from '../smtp/probe.js'
import type { IdempotencyStore, RateLimiter } from '../store/types.js'
import type { AppEnv } from './env.js'
import type { Log } from './log.js'
import type { BodyHandler, SendHandler } from './send-handler.js'

/**
 * Everything `createApp` needs. The core's assembly (`createMailbridge`) maps a
 * `Config` onto this; tests pass a send pipeline over a fake mailer.
 *
 * @example
 * ```ts
 * const app = createApp({ send: createSendPipeline({ mailer }), apiKeys: ['s3cret'] })
 * ```
 */
export interface AppOptions {
  /** Runs one send request: the core's send pipeline (`createSendPipeline`). */
  send: SendHandler
  /**
   * Runs each body (template, the caller's key), then `send`: the core's
   * `createBodyHandler`. Default: `withoutTemplates(send)`.
   */
  handle?: BodyHandler
  /** Bearer tokens accepted on `/send`. Unset or empty (and no `keys`): no authentication. */
  apiKeys?: string[]
  /** The configuration file's keys, accepted beside `apiKeys`, each with its scope (origins, rate limit). */
  keys?: readonly ApiKeyConfig[]
  /** Makes a limiter of a key's or a form's own rate. Default: in memory (`createMemoryRateLimiter`). */
  rateLimiterFor?: (perMinute: number) => RateLimiter
  /** HTML forms served at `POST /forms/{name}`. */
  forms?: readonly FormConfig[]
  /** Webhooks received at `POST /hooks/{name}`. */
  hooks?: readonly HookConfig[]
  /** Largest accepted request body in bytes. Default 10 485 760 (10 MiB). */
  maxBodyBytes?: number
  /** Origins allowed to call from browsers (CORS, preflight included). Unset or empty: no CORS headers. */
  corsOrigins?: string[]
  /** Receives one entry per request, and the stores' failures as service events. Default: one JSON line on stdout. */
  log?: Log
  /**
   * Keeps `Idempotency-Key` claims and responses. Default: in memory (bounded,
   * per instance). The assembly passes a Redis store when `REDIS_URL` is set.
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
   * The request body as the runtime reads it, for bodies of 1 MiB or more
   * (see `readLargeBody`); unset or `undefined`: the web stream of
   * `c.req.raw.body`. On Node, `@hono/node-server` makes that stream copy
   * every chunk once more than reading its `IncomingMessage` does.
   */
  requestBody?: (c: Context<AppEnv>) => AsyncIterable<Uint8Array> | undefined
  /**
   * Whether the relay answered recently, for `GET /readyz`. The assembly passes
   * `createReadiness(…).check`. Unset: always ready.
   */
  readiness?: () => Promise<ReadyState>
  /**
   * What works only in part right now (a shared store that is down), listed
   * by `GET /readyz` while the service stays ready. Unset: nothing.
   */
  degraded?: (() => string[]) | undefined
  /**
   * Metrics served on `GET /metrics`; the app counts requests and replays
   * into it. Default: a fresh `createMetrics()` (requests only); the assembly
   * passes one that also sees the pool, sends and retries.
   */
  metrics?: Metrics
}
