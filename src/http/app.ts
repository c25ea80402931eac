import type { Hono } from 'hono'
import { createHono } from './hono-app.js'
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
import { registerForms } from './routes/forms.js'
import { registerHooks } from './routes/hooks.js'
import { apiKeyScope, idempotency } from './middleware/idempotency.js'
import { byApiKey, byClientAddress } from './middleware/rate-limit.js'
import { keyOrigin } from './middleware/key-origin.js'
import { keyRateLimit } from './middleware/key-rate-limit.js'
import { withoutTemplates } from './send-handler.js'
import { createMemoryIdempotencyStore } from '../store/memory-idempotency.js'
import { createMemoryRateLimiter } from '../store/memory-rate-limiter.js'
import { METRIC_ROUTES } from './middleware/count-requests.js'
import { countKeys } from './middleware/count-keys.js'
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
  handle = withoutTemplates(send),
  apiKeys = [],
  keys: named = [],
  rateLimiterFor = (perMinute) => createMemoryRateLimiter({ perMinute }),
  forms = [],
  hooks = [],
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
}: AppOptions): Hono<AppEnv> {
  const app = createHono<AppEnv>()
  app.onError(onError)
  app.notFound(notFoundFor(() => app.routes))

  const ownRoutes = [...forms.map((f) => `/forms/${f.name}`), ...hooks.map((h) => `/hooks/${h.name}`)]
  app.use(observeRequests(metrics, log, [...METRIC_ROUTES, ...ownRoutes]))
  // Browser keys' origins get CORS answers too; each key is held to its own origins after auth (keyOrigin).
  const browserOrigins = [...new Set([...corsOrigins, ...named.flatMap((k) => k.origins ?? [])])]
  if (browserOrigins.length > 0) app.use(corsForOrigins({ origins: browserOrigins }))

  const storeError = (store: string) => (err: unknown) => log(serviceEvent('warn', `${store} failed: ${errorMessage(err)}`))
  const keys = [...apiKeys.filter((k) => k.length > 0), ...named]
  const limiter = rateLimiter ?? (rateLimitPerMinute === undefined ? undefined : createMemoryRateLimiter({ perMinute: rateLimitPerMinute }))
  const identify = keys.length > 0 ? byApiKey : byClientAddress(clientAddress)
  const limit = keyRateLimit({ keys: named, fallback: limiter, create: rateLimiterFor, identify, onStoreError: storeError('rate limiter') })
  /** Run before the JSON validator of every send route: 401, 403 (a browser key's origin), then 429, 415, 413, 400 (not UTF-8), then Idempotency-Key. */
  const guards = [
    ...(named.length > 0 ? [countKeys(metrics.registry)] : []),
    ...(keys.length > 0 ? [bearerAuth({ keys })] : []),
    ...(named.some((k) => k.origins !== undefined) ? [keyOrigin()] : []),
    ...(limit ? [limit] : []),
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

  registerSend(app, handle, guards)
  registerBatch(app, handle, guards)
  registerForms(app, { forms, handle, maxBodyBytes, limiterFor: rateLimiterFor, clientAddress, onStoreError: storeError('rate limiter') })
  registerHooks(app, { hooks, handle, maxBodyBytes, store: idempotencyStore, ttlSeconds: idempotencyTtlSeconds ?? 86_400, onStoreError: storeError('idempotency store') })
  registerHealth(app)
  registerReadyz(app, readiness, degraded)
  registerMetrics(app, metrics)
  registerOpenApi(app)
  return app
}
