import type { RouteConfig } from '@hono/zod-openapi'
import * as z from 'zod'
import { IDEMPOTENCY_KEY_CHARS, MAX_IDEMPOTENCY_KEY_LENGTH } from '../middleware/idempotency.js'
import { BatchResponseSchema, SendResponseSchema } from '../response-schemas.js'
import { BatchRequestSchema, MAX_BATCH_ITEMS } from '../routes/batch.js'
import { SendRequestSchema } from '../schemas.js'
import { problemContent } from './common.js'

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
      'idempotency_key_reused: the Idempotency-Key was used with a different body or on the other send route; idempotency_in_progress: a request with it is still running (see `Retry-After`).',
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

/** Optional request headers of the send routes (checked by the idempotency guard); names lower case. */
const SendHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(MAX_IDEMPOTENCY_KEY_LENGTH)
    .regex(IDEMPOTENCY_KEY_CHARS)
    .optional()
    .meta({
      description:
        'Makes retries safe (1 to 256 printable ASCII characters, scoped to the API key): a repeat with the same body gets the first 2xx response again, with `Idempotent-Replayed: true`, for 24 hours. Failures are not stored.',
      example: 'order-4711-confirmation',
    }),
})

/** `Authorization: Bearer` is required only when `API_KEYS` is configured. */
const optionalBearer: Record<string, string[]>[] = [{ bearerAuth: [] }, {}]

/** What differs between the send routes; the rest of their description is shared. */
interface SendRouteSpec {
  path: string
  operationId: string
  summary: string
  description: string
  /** The JSON body schema (the one the route validates with). */
  body: z.ZodType
  /** The 200 answer. */
  ok: { description: string; schema: z.ZodType }
}

/**
 * A `POST` route with what every send route shares: optional bearer security,
 * the `Idempotency-Key` header, the success headers (`Idempotent-Replayed`,
 * `RateLimit-*`) and every problem response a send can get.
 */
function sendLikeRoute({ path, operationId, summary, description, body, ok }: SendRouteSpec): RouteConfig {
  return {
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
  }
}

/** `POST /send`. */
export const sendRoute = sendLikeRoute({
  path: '/send',
  operationId: 'send',
  summary: 'Send one email',
  description:
    'Validates the request, composes a MIME message and hands it to the SMTP relay. Answers with the Message-ID and the queue id the relay announced.',
  body: SendRequestSchema,
  ok: { description: 'The relay accepted the message.', schema: SendResponseSchema },
})

/** `POST /send/batch`. */
export const batchRoute = sendLikeRoute({
  path: '/send/batch',
  operationId: 'sendBatch',
  summary: `Send up to ${MAX_BATCH_ITEMS} emails`,
  description:
    'Each item is validated and sent like `POST /send`, concurrently through the relay connection pool. The answer is 200 with one result per item, in order, whether or not each item succeeded; only a problem with the request as a whole (auth, body, not an array of 1 to 100) fails it.',
  body: BatchRequestSchema,
  ok: { description: 'Every item was attempted; see each result.', schema: BatchResponseSchema },
})
