import type { RouteConfig } from '@hono/zod-openapi'
import * as z from 'zod'
import { HookResponseSchema } from '../response-schemas.js'
import { PUBLIC, problemContent } from './common.js'

const FormFieldsSchema = z
  .record(z.string(), z.string())
  .meta({ id: 'FormFields', description: "The form's fields, the data of its template. Files (multipart) become attachments.", example: { name: 'Ada', email: 'ada@example.com', message: 'Hello' } })

/**
 * `POST /forms/{name}`, listed whether or not forms are configured: the
 * document describes the API (the handlers read form data, which no JSON
 * schema validates).
 */
export const formRoute: RouteConfig = {
  method: 'post',
  path: '/forms/{name}',
  operationId: 'postForm',
  summary: 'Post an HTML form',
  description:
    'For a `<form method="post">` on a web page, no JavaScript needed. The form\'s recipients, sender and template come from `MAILBRIDGE_CONFIG`; the posted fields are the template\'s data, files are attachments. `Origin` (or `Referer`) must be one of the form\'s origins. A browser is redirected (303) to the form\'s `redirect`, or to its `error_redirect` with `?error=<code>` on failure; a script asking for `application/json` gets JSON and problems. A filled honeypot field is answered as a success and nothing is sent.',
  security: PUBLIC,
  request: {
    params: z.object({ name: z.string().meta({ description: 'The form\'s name in `MAILBRIDGE_CONFIG`.', example: 'contact' }) }),
    body: {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: FormFieldsSchema }, 'multipart/form-data': { schema: FormFieldsSchema } },
    },
  },
  responses: {
    200: {
      description: 'Sent (or caught by the honeypot): `{"ok": true}` for `Accept: application/json`, else a short thank-you page when the form has no `redirect`.',
      content: {
        'application/json': { schema: z.object({ ok: z.literal(true) }).meta({ id: 'FormAccepted' }) },
        'text/html': { schema: z.string() },
      },
    },
    303: {
      description: 'A browser: to the form\'s `redirect`, or to its `error_redirect` with `?error=<code>`.',
      headers: { Location: { description: 'Where the browser goes next.', schema: { type: 'string' as const } } },
    },
    403: { description: 'origin_not_allowed: `Origin`/`Referer` is not one of the form\'s origins; sender_not_allowed.', ...problemContent },
    404: { description: 'not_found: no form of that name.', ...problemContent },
    413: { description: 'payload_too_large: the form (files included) is over `MAX_BODY_BYTES`.', ...problemContent },
    415: { description: 'unsupported_media_type: not urlencoded or multipart form data.', ...problemContent },
    422: { description: 'validation_error: a field the template needs is missing, or the reply-to field is not an address.', ...problemContent },
    429: { description: "rate_limited: over the form's `rate_limit_per_minute` for this client address.", ...problemContent },
    500: { description: 'internal_error.', ...problemContent },
    502: { description: 'relay_unavailable.', ...problemContent },
    503: { description: 'relay_busy.', ...problemContent },
    504: { description: 'relay_timeout or delivery_unknown.', ...problemContent },
  },
}

/** `POST /hooks/{name}`, listed whether or not hooks are configured. */
export const hookRoute: RouteConfig = {
  method: 'post',
  path: '/hooks/{name}',
  operationId: 'postHook',
  summary: 'Receive a webhook',
  description:
    "For a webhook sender (GitHub, a Standard Webhooks sender, any HMAC-SHA256 signer) posting its own JSON. The hook's signature scheme, secret, recipients, sender and template come from `MAILBRIDGE_CONFIG`; the payload is the template's data. A bad or missing signature is 401 and nothing is sent. A Standard Webhooks `webhook-id` already answered is answered again without sending.",
  security: PUBLIC,
  request: {
    params: z.object({ name: z.string().meta({ description: "The hook's name in `MAILBRIDGE_CONFIG`.", example: 'github-issues' }) }),
    body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).meta({ id: 'HookPayload', description: "The sender's JSON." }) } } },
  },
  responses: {
    200: {
      description: 'Sent, or an event the hook ignores (`sent: false`).',
      headers: { 'Idempotent-Replayed': { description: '`true` when this delivery id was answered before.', schema: { type: 'string' as const, enum: ['true'] } } },
      content: { 'application/json': { schema: HookResponseSchema } },
    },
    400: { description: 'invalid_json: the payload is not JSON.', ...problemContent },
    401: { description: 'invalid_signature: the signature is missing, wrong, or (Standard Webhooks) its timestamp is outside the replay window.', ...problemContent },
    403: { description: 'sender_not_allowed.', ...problemContent },
    404: { description: 'not_found: no hook of that name.', ...problemContent },
    409: { description: 'idempotency_in_progress: this delivery id is still being processed.', ...problemContent },
    413: { description: 'payload_too_large: over `MAX_BODY_BYTES`.', ...problemContent },
    422: { description: "validation_error: the payload lacks a field the hook's template needs.", ...problemContent },
    500: { description: 'internal_error.', ...problemContent },
    502: { description: 'relay_unavailable.', ...problemContent },
    503: { description: 'relay_busy, or idempotency_unavailable: the store of delivery ids cannot be reached.', ...problemContent },
    504: { description: 'relay_timeout or delivery_unknown.', ...problemContent },
  },
}
