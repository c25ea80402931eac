import type { Context, Hono } from 'hono'
import type { HookConfig } from '../../config/frontends.js'
import type { IdempotencyStore } from '../../store/types.js'
import type { AppEnv } from '../env.js'
import { claimDelivery } from '../hooks/dedupe.js'
import { createVerifier } from '../hooks/signature.js'
import { limitBody } from '../middleware/body-limit.js'
import { problem, problemResponse } from '../problem.js'
import { recordSent, failureResponse } from '../respond.js'
import type { HookResponse } from '../response-schemas.js'
import type { BodyHandler } from '../send-handler.js'

/** Options for {@link registerHooks}. */
export interface HooksOptions {
  hooks: readonly HookConfig[]
  /** Renders the hook's template and sends (the core's body handler). */
  handle: BodyHandler
  maxBodyBytes: number
  /** Where delivery ids are remembered (the idempotency store). */
  store: IdempotencyStore
  /** How long a delivery id is remembered, in seconds. */
  ttlSeconds: number
  onStoreError: (err: unknown) => void
  /** The clock of the replay window, in milliseconds. */
  now?: () => number
}

const textDecoder = new TextDecoder('utf-8', { fatal: true })

/** The payload of a delivery: JSON, or GitHub's urlencoded `payload=<json>`. Undefined when it is neither. */
function payloadOf(c: Context, body: Uint8Array): unknown {
  try {
    const text = textDecoder.decode(body)
    const type = c.req.header('content-type') ?? ''
    if (/^application\/x-www-form-urlencoded/i.test(type)) return JSON.parse(new URLSearchParams(text).get('payload') ?? '')
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The event a delivery announces: GitHub's `X-GitHub-Event`, or a Standard Webhooks payload's `type`. */
function eventOf(c: Context, hook: HookConfig, payload: unknown): string | undefined {
  if (hook.verify.scheme === 'github') return c.req.header('x-github-event')
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined
  return typeof type === 'string' ? type : undefined
}

/** Why a hook ignores an event, or undefined when it mails it. GitHub's `ping` (sent when a hook is set up) is always ignored. */
function ignoredEvent(hook: HookConfig, event: string | undefined): string | undefined {
  if (hook.verify.scheme === 'github' && event === 'ping') return 'event "ping" is not one this hook mails'
  if (hook.events === undefined || (event !== undefined && hook.events.includes(event))) return undefined
  return `event ${JSON.stringify(event ?? '')} is not one this hook mails`
}

/**
 * Registers `POST /hooks/{name}` for each configured hook: the sender posts
 * its own JSON; the signature is checked (`401 invalid_signature`, nothing
 * sent), a Standard Webhooks delivery id already answered is answered again
 * (`Idempotent-Replayed: true`), and the hook's template is rendered with
 * the payload and sent to the hook's recipients.
 */
export function registerHooks(app: Hono<AppEnv>, { hooks, handle, maxBodyBytes, store, ttlSeconds, onStoreError, now }: HooksOptions): void {
  for (const hook of hooks) {
    const verify = createVerifier(hook.verify, now ? { now } : {})
    app.post(`/hooks/${hook.name}`, limitBody(maxBodyBytes), async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer())
      const verified = await verify((name) => c.req.header(name), body)
      if (!verified.ok) return problemResponse(c, problem('invalid_signature', verified.reason))
      const payload = payloadOf(c, body)
      if (payload === undefined) return problemResponse(c, problem('invalid_json', 'The webhook payload is not valid JSON.'))
      const ignored = ignoredEvent(hook, eventOf(c, hook, payload))
      if (ignored !== undefined) return c.json({ sent: false, ignored } satisfies HookResponse, 200)

      const run = async (): Promise<Response> => {
        const data = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : { payload }
        const outcome = await handle({ ...(hook.from !== undefined ? { from: hook.from } : {}), to: [...hook.to], template: hook.template, data })
        if (!outcome.ok) return failureResponse(c, outcome)
        const sent = recordSent(c, outcome.body)
        return c.json({ sent: true, message_id: sent.message_id, queue_id: sent.queue_id ?? null } satisfies HookResponse, 200)
      }
      if (verified.id === undefined) return run()

      let delivery
      try {
        // The id must be remembered at least as long as a replay of it would be let in.
        const window = hook.verify.scheme === 'standard-webhooks' ? hook.verify.toleranceSeconds * 2 : 0
        delivery = await claimDelivery(hook.name, verified.id, body, { store, ttlSeconds: Math.max(ttlSeconds, window), onStoreError })
      } catch (err) {
        onStoreError(err)
        return problemResponse(c, problem('idempotency_unavailable', 'The store of delivery ids cannot be reached; nothing was sent. Retry later.'), { 'Retry-After': '1' })
      }
      if (delivery.kind === 'seen') return new Response(delivery.response.body, { status: delivery.response.status, headers: { ...delivery.response.headers, 'Idempotent-Replayed': 'true' } })
      if (delivery.kind === 'running') return problemResponse(c, problem('idempotency_in_progress', 'This delivery is still being processed.'), { 'Retry-After': '1' })
      return delivery.run(run)
    })
  }
}
