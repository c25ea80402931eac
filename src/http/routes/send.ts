import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { PROBLEM_CONTENT_TYPE } from '../problem.js'
import { readJsonBody } from '../json-body.js'
import { jsonResponse } from '../json-response.js'
import { failureResponse, recordSent } from '../respond.js'
import { ProblemSchema, SendHeadersSchema, SendRequestSchema, SendResponseSchema } from '../schemas.js'
import type { BodyHandler } from '../send-handler.js'

const problemContent = { content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } }
const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' as const } },
}

/** Problem responses every send route can give. */
const sendProblemResponses = {
  400: { description: 'invalid_json: the body is not valid JSON, or not valid UTF-8.', ...problemContent },
  401: {
    description: 'unauthorized: missing or wrong API key.',
    headers: { 'WWW-Authenticate': { description: '`Bearer realm="mailbridge"`', schema: { type: 'string' as const } } },
    ...problemContent,
  },
  403: {
    description:
      "sender_not_allowed: `from` is not in `ALLOWED_SENDERS` (or the key's `senders`); recipient_not_allowed: an address is outside the key's `recipients`; origin_not_allowed: a browser key without one of its origins.",
    ...problemContent,
  },
  413: { description: "payload_too_large: body over `MAX_BODY_BYTES`, or message over the relay's SIZE.", ...problemContent },
  415: { description: 'unsupported_media_type: Content-Type is not application/json.', ...problemContent },
  409: {
    description:
      'idempotency_key_reused: the Idempotency-Key was used with a different body; idempotency_in_progress: a request with it is still running (see `Retry-After`).',
    headers: retryAfter,
    ...problemContent,
  },
  422: { description: 'validation_error (one `errors` entry per field) or smtp_rejected (the relay refused permanently).', ...problemContent },
  429: {
    description: 'rate_limited: over `RATE_LIMIT_PER_MINUTE` for this API key or address; see `Retry-After` and the `RateLimit-*` headers.',
    headers: retryAfter,
    ...problemContent,
  },
  500: { description: 'internal_error.', ...problemContent },
  502: { description: 'relay_unavailable: relay unreachable, TLS failure, STARTTLS not offered, AUTH refused.', ...problemContent },
  503: {
    description:
      'relay_busy: the relay answered a transient 4xx or is saturated; idempotency_unavailable: the idempotency store cannot be reached. See `Retry-After`.',
    headers: retryAfter,
    ...problemContent,
  },
  504: { description: 'relay_timeout (before hand-over) or delivery_unknown (connection lost after the final dot).', ...problemContent },
}

/** Headers a successful send may carry. */
const sendSuccessHeaders = {
  'Idempotent-Replayed': { description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key.', schema: { type: 'string' as const, enum: ['true'] } },
  'RateLimit-Limit': { description: 'Requests allowed per minute (when `RATE_LIMIT_PER_MINUTE` is set).', schema: { type: 'integer' as const } },
  'RateLimit-Remaining': { description: 'Requests that may be made right now.', schema: { type: 'integer' as const } },
  'RateLimit-Reset': { description: 'Seconds until the allowance is full again.', schema: { type: 'integer' as const } },
}

/** `Authorization: Bearer` is required only when `API_KEYS` is configured. */
const optionalBearer: Record<string, string[]>[] = [{ bearerAuth: [] }, {}]

/** What differs between the send routes; the rest of their OpenAPI definition is shared. */
export interface SendRouteSpec<P extends string, B extends z.ZodType, R extends z.ZodType> {
  path: P
  operationId: string
  summary: string
  description: string
  /** The JSON body schema (validated before the handler runs). */
  body: B
  /** The 200 answer. */
  ok: { description: string; schema: R }
}

/**
 * A `POST` route with what every send route shares: optional bearer security,
 * the `Idempotency-Key` header, the success headers (`Idempotent-Replayed`,
 * `RateLimit-*`) and every problem response a send can get.
 */
export function sendLikeRoute<P extends string, B extends z.ZodType, R extends z.ZodType>({ path, operationId, summary, description, body, ok }: SendRouteSpec<P, B, R>) {
  return createRoute({
    method: 'post',
    path,
    operationId,
    summary,
    description,
    security: optionalBearer,
    request: {
      headers: SendHeadersSchema,
      body: { required: true, content: { 'application/json': { schema: body } } },
    },
    responses: {
      200: { description: ok.description, headers: sendSuccessHeaders, content: { 'application/json': { schema: ok.schema } } },
      ...sendProblemResponses,
    },
  })
}

/**
 * Mounts `guards` (auth, rate limit, content type, body limit, idempotency)
 * on `POST path`, so they run before the route's JSON validator; other
 * methods on the path get a plain 404.
 */
export function mountGuards(app: OpenAPIHono<AppEnv>, path: string, guards: MiddlewareHandler<AppEnv>[]): void {
  for (const guard of guards) app.on('POST', path, guard)
}

/**
 * Registers a send-like route: its OpenAPI definition goes into the document
 * as `app.openapi` would put it, and `POST path` runs `guards`, then
 * `handler`, which reads and validates the body itself ({@link readJsonBody}).
 */
export function mountSendLikeRoute(
  app: OpenAPIHono<AppEnv>,
  route: ReturnType<typeof sendLikeRoute>,
  guards: MiddlewareHandler<AppEnv>[],
  handler: MiddlewareHandler<AppEnv>,
): void {
  app.openAPIRegistry.registerPath(route)
  mountGuards(app, route.path, guards)
  app.on('POST', route.path, handler)
}

export const sendRoute = sendLikeRoute({
  path: '/send',
  operationId: 'send',
  summary: 'Send one email',
  description:
    'Validates the request, composes a MIME message and hands it to the SMTP relay. Answers with the Message-ID and the queue id the relay announced.',
  body: SendRequestSchema,
  ok: { description: 'The relay accepted the message.', schema: SendResponseSchema },
})

/** Registers `POST /send` behind `guards` (see {@link mountGuards}). */
export function registerSend(
  app: OpenAPIHono<AppEnv>,
  send: BodyHandler,
  guards: MiddlewareHandler<AppEnv>[],
): void {
  const options = { fromRequired: send.fromRequired === true }
  mountSendLikeRoute(app, sendRoute, guards, async (c) => {
    const body = await readJsonBody(c, SendRequestSchema, options)
    if (!body.ok) return body.response
    const outcome = await send(body.restore(body.value), { key: c.get('apiKey') })
    if (outcome.ok) return jsonResponse(c, JSON.stringify(recordSent(c, outcome.body)), 200)
    return failureResponse(c, outcome)
  })
}
