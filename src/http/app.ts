import { OpenAPIHono } from '@hono/zod-openapi'
import { bearerAuth } from './middleware/auth.js'
import { corsForOrigins } from './middleware/cors.js'
import { limitBody } from './middleware/body-limit.js'
import type { AppEnv } from './env.js'
import { requireJson } from './middleware/json-only.js'
import { requireUtf8 } from './middleware/utf8-body.js'
import { observeRequests } from './middleware/observe.js'
import { notFoundFor, onError } from './on-error.js'
import { registerOpenApi } from './openapi.js'
import { DEFAULT_MAX_BODY_BYTES } from '../config/limits.js'
import { errorMessage, logJsonLine, serviceEvent } from './log.js'
import type { AppOptions } from './options.js'
import { registerBatch } from './routes/batch.js'
import { registerHealth } from './routes/health.js'
import { registerSend } from './routes/send.js'
import { createValidationHook } from './validation.js'
import { apiKeyScope, idempotency } from './middleware/idempotency.js'
import { byApiKey, byClientAddress, rateLimit } from './middleware/rate-limit.js'
import { createMemoryIdempotencyStore } from '../store/memory-idempotency.js'
import { createMemoryRateLimiter } from '../store/memory-rate-limiter.js'
import { registerMetrics } from './routes/metrics.js'
import { registerReadyz } from './routes/readyz.js'
import { createMetrics } from '../metrics/mailbridge.js'

export type { AppOptions } from './options.js'
export type { Log, LogLine, RequestLogEntry, ServiceEvent } from './log.js'
export type { AppEnv } from './env.js'

/**
 * Builds the mailbridge HTTP app: `POST /send`, `POST /send/batch`,
 * `GET /healthz`, `GET /readyz`, `GET /metrics`, `GET /openapi.json`.
 * Runtime-neutral: serve it with `@hono/node-server` or any fetch-based runtime.
 *
 * @example
 * ```ts
 * const mailer = createSmtpClient({ host: 'smtp.example.com', port: 587 })
 * const app = createApp({ send: createSendPipeline({ mailer }) })
 * serve({ fetch: app.fetch, port: 3000 })
 * ```
 */
export function createApp({
  send,
  apiKeys = [],
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  corsOrigins = [],
  log = logJsonLine,
  idempotencyStore = createMemoryIdempotencyStore(),
  idempotencyTtlSeconds,
  rateLimiter,
  rateLimitPerMinute,
  clientAddress = () => undefined,
  requestBody,
  readiness,
  degraded,
  metrics = createMetrics(),
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: createValidationHook({ fromRequired: send.fromRequired === true }) })
  app.onError(onError)
  app.notFound(notFoundFor(() => app.routes))

  app.use(observeRequests(metrics, log))
  if (corsOrigins.length > 0) app.use(corsForOrigins({ origins: corsOrigins }))

  const storeError = (store: string) => (err: unknown) => log(serviceEvent('warn', `${store} failed: ${errorMessage(err)}`))
  const keys = apiKeys.filter((k) => k.length > 0)
  const limiter = rateLimiter ?? (rateLimitPerMinute === undefined ? undefined : createMemoryRateLimiter({ perMinute: rateLimitPerMinute }))
  const identify = keys.length > 0 ? byApiKey : byClientAddress(clientAddress)
  /** Run before the JSON validator of every send route: 401, then 429, 415, 413, 400 (not UTF-8), then Idempotency-Key. */
  const guards = [
    ...(keys.length > 0 ? [bearerAuth({ keys })] : []),
    ...(limiter ? [rateLimit({ limiter, identify, onStoreError: storeError('rate limiter') })] : []),
    requireJson(),
    limitBody(maxBodyBytes),
    requireUtf8({ requestBody }),
    idempotency({
      store: idempotencyStore,
      ttlSeconds: idempotencyTtlSeconds,
      scope: keys.length > 0 ? apiKeyScope : () => 'anonymous',
      onStoreError: storeError('idempotency store'),
    }),
  ]

  registerSend(app, send, guards)
  registerBatch(app, send, guards)
  registerHealth(app)
  registerReadyz(app, readiness, degraded)
  registerMetrics(app, metrics)
  registerOpenApi(app)
  return app
}
