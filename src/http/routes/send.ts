import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { PROBLEM_CONTENT_TYPE } from '../problem.js'
import { failureResponse, recordSent } from '../respond.js'
import { ProblemSchema, SendHeadersSchema, SendRequestSchema, SendResponseSchema } from '../schemas.js'
import { handleSend, type SendContext } from '../send.js'

const problemContent = { content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } }
const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' as const } },
}

/** Problem responses every send route can give (DESIGN.md §4). */
export const sendProblemResponses = {
  400: { description: 'invalid_json: the body is not valid JSON.', ...problemContent },
  401: {
    description: 'unauthorized: missing or wrong API key.',
    headers: { 'WWW-Authenticate': { description: '`Bearer realm="mailbridge"`', schema: { type: 'string' as const } } },
    ...problemContent,
  },
  403: { description: 'sender_not_allowed: `from` is not in `ALLOWED_SENDERS`.', ...problemContent },
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

/** Headers a successful send may carry (issue 6). */
export const sendSuccessHeaders = {
  'Idempotent-Replayed': { description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key.', schema: { type: 'string' as const, enum: ['true'] } },
  'RateLimit-Limit': { description: 'Requests allowed per minute (when `RATE_LIMIT_PER_MINUTE` is set).', schema: { type: 'integer' as const } },
  'RateLimit-Remaining': { description: 'Requests that may be made right now.', schema: { type: 'integer' as const } },
  'RateLimit-Reset': { description: 'Seconds until the allowance is full again.', schema: { type: 'integer' as const } },
}

/** `Authorization: Bearer` is required only when `API_KEYS` is configured. */
export const optionalBearer: Record<string, string[]>[] = [{ bearerAuth: [] }, {}]

export const sendRoute = createRoute({
  method: 'post',
  path: '/send',
  operationId: 'send',
  summary: 'Send one email',
  description:
    'Validates the request, composes a MIME message and hands it to the SMTP relay. Answers with the Message-ID and the queue id the relay announced.',
  security: optionalBearer,
  request: {
    headers: SendHeadersSchema,
    body: { required: true, content: { 'application/json': { schema: SendRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The relay accepted the message.',
      headers: sendSuccessHeaders,
      content: { 'application/json': { schema: SendResponseSchema } },
    },
    ...sendProblemResponses,
  },
})

/**
 * Registers `POST /send`. `guards` (auth, rate limit, content type, body
 * limit, idempotency) are mounted on `POST /send` first, so they run before
 * the JSON validator; other methods on the path get a plain 404.
 */
export function registerSend(
  app: OpenAPIHono<AppEnv>,
  ctx: SendContext,
  guards: MiddlewareHandler<AppEnv>[],
): void {
  for (const guard of guards) app.on('POST', sendRoute.path, guard)
  app.openapi(sendRoute, async (c) => {
    const outcome = await handleSend(c.req.valid('json'), ctx)
    if (outcome.ok) return c.json(recordSent(c, outcome.body), 200)
    // Every problem status is declared in sendProblemResponses; the body is built untyped.
    return failureResponse(c, outcome) as never
  })
}
