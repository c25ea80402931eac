import * as z from 'zod'
import type { Hono, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { validationFailure } from '../problem.js'
import type { BatchResponse } from '../response-schemas.js'
import { SendRequestSchema } from '../schemas.js'
import { RENDER_BUDGET_MS, type BodyHandler, type SendCaller } from '../send-handler.js'
import { sendRequestFieldErrors } from '../validation.js'
import { readJsonBody } from '../json-body.js'
import { jsonResponse } from '../json-response.js'
import { mountSendLikeRoute } from './send.js'

/** Most messages in one `POST /send/batch`. */
export const MAX_BATCH_ITEMS = 100

/** In the document, each item is a `POST /send` body. */
const sendRequestRef = { description: 'A `POST /send` body.', $ref: '#/components/schemas/SendRequest' }

/**
 * The batch body: 1 to 100 send requests. Items are validated one by one in
 * the handler (an invalid item gets its own problem, the others still go out),
 * so the route schema only checks the array; the document shows the item type.
 */
export const BatchRequestSchema = z
  .array(z.unknown().meta(sendRequestRef))
  .min(1, 'A batch needs at least one message')
  .max(MAX_BATCH_ITEMS, `A batch holds at most ${MAX_BATCH_ITEMS} messages`)
  .meta({
    id: 'BatchRequest',
    description: `1 to ${MAX_BATCH_ITEMS} send requests, each the body of \`POST /send\`.`,
  })

/**
 * Items of one batch validated, composed and sent at once. More would only
 * wait for a relay connection (a pool holds a handful) with their composed
 * message in memory: 100 items composed up front kept 100 messages alive for
 * the whole batch, and four batches filled the pool's queue with 400 sends.
 */
export const BATCH_CONCURRENCY = 16

/**
 * `fn` over `items` with at most `limit` calls running at once; results in the
 * items' order. Each item is taken out of `items` (its slot emptied) as its
 * call starts, so an item sent is not kept alive by the array until the last
 * one is done.
 */
async function mapConcurrently<T, R>(items: (T | undefined)[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      const item = items[i] as T
      items[i] = undefined
      results[i] = await fn(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * Validates (every problem at once, as `/send` does) and sends one batch
 * item; never throws. Returns the item's result as JSON text, made as soon
 * as it is known: its objects die young instead of living, scattered through
 * the old generation, until the whole batch is answered (stringifying the
 * hundred results at the end cost about 1.5 µs a message more).
 */
async function sendItem(item: unknown, send: BodyHandler, caller: SendCaller, restore: <V>(value: V) => V): Promise<string> {
  const parsed = SendRequestSchema.safeParse(item)
  if (!parsed.success) return resultJson(validationFailure(sendRequestFieldErrors(parsed.error, restore(item), { fromRequired: send.fromRequired === true })).problem)
  const outcome = await send(restore(parsed.data), caller)
  return resultJson(outcome.ok ? outcome.body : outcome.problem)
}

/** One entry of `results`. */
const resultJson = (result: BatchResponse['results'][number]): string => JSON.stringify(result)

/** The batch's `200` body from its results' JSON texts: what `JSON.stringify({ results })` gives. */
const batchJson = (results: readonly string[]): string => `{"results":[${results.join(',')}]}`

/**
 * Registers `POST /send/batch`. `guards` are the same as `/send`'s (auth,
 * rate limit, content type, body limit, idempotency) and run before the
 * array is validated.
 */
export function registerBatch(app: Hono<AppEnv>, send: BodyHandler, guards: MiddlewareHandler<AppEnv>[]): void {
  const options = { fromRequired: send.fromRequired === true }
  mountSendLikeRoute(app, '/send/batch', guards, async (c) => {
    const body = await readJsonBody(c, BatchRequestSchema, options)
    if (!body.ok) return body.response
    const items = body.value
    // One template-render budget for the whole batch, not one per item.
    const caller = { key: c.get('apiKey'), renderDeadline: performance.now() + RENDER_BUDGET_MS }
    const results = await mapConcurrently(items, BATCH_CONCURRENCY, (item) => sendItem(item, send, caller, body.restore))
    return jsonResponse(c, batchJson(results), 200)
  })
}
