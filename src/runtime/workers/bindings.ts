import type { DurableObjectNamespace } from 'cloudflare:workers'
import { createDurableStores, type DurableStores } from './durable-stores.js'
import type { MailbridgeStateApi } from './state-object.js'

/** The binding name of the `MailbridgeState` Durable Object namespace. */
export const STATE_BINDING = 'MAILBRIDGE_STATE'

const isNamespace = (value: unknown): value is DurableObjectNamespace<MailbridgeStateApi> =>
  typeof value === 'object' && value !== null && typeof (value as { idFromName?: unknown }).idFromName === 'function'

/**
 * The shared stores when `MAILBRIDGE_STATE` is bound to the Durable Object
 * class; undefined otherwise (idempotency and rate limits then live in each
 * isolate's memory, as on one Node process).
 */
export function storesFrom(env: Record<string, unknown>, rateLimitPerMinute: number | undefined): DurableStores | undefined {
  const binding = env[STATE_BINDING]
  return isNamespace(binding) ? createDurableStores({ namespace: binding, rateLimitPerMinute }) : undefined
}
