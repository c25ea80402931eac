import type { PoolStats, SmtpPool } from '../smtp/pool.js'

/**
 * A value that follows one request through its asynchronous work: the shape
 * of `AsyncLocalStorage` (`node:async_hooks`, which Workers provide with the
 * `nodejs_als` compatibility flag). The core only uses the interface; a
 * runtime passes the implementation.
 */
export interface RequestContext<T> {
  /** Runs `fn` with `store` as the value `getStore()` returns inside it and everything it awaits. */
  run<R>(store: T, fn: () => R): R
  /** The value of the request under way, or undefined outside of any. */
  getStore(): T | undefined
}

/** The relay connections one request opened, keyed by relay (`primary`, `fallback`). */
export interface RequestConnections {
  readonly pools: Map<string, SmtpPool>
}

/** Lets the runtime keep the request alive until `promise` settles (Workers' `ctx.waitUntil`). */
export type WaitUntil = (promise: Promise<unknown>) => void

const NO_CONNECTIONS: PoolStats = { open: 0, opening: 0, idle: 0, inUse: 0, queued: 0, created: 0 }

/**
 * An `SmtpPool` whose connections belong to the request under way: each
 * request that sends gets its own pool from `open()` (so `/send/batch` reuses
 * a few connections for all its messages), and {@link withRequestConnections}
 * closes it when the request ends. For runtimes where a socket must not
 * outlive the request that opened it (Cloudflare Workers).
 *
 * A send outside any request (none happens in the service) gets a pool of its
 * own, closed after the send.
 */
export function requestScopedPool(context: RequestContext<RequestConnections>, relay: string, open: () => SmtpPool): SmtpPool {
  const current = (create: boolean): SmtpPool | undefined => {
    const store = context.getStore()
    if (store === undefined) return undefined
    let pool = store.pools.get(relay)
    if (pool === undefined && create) {
      pool = open()
      store.pools.set(relay, pool)
    }
    return pool
  }
  return {
    async send(message, options) {
      const pool = current(true)
      if (pool !== undefined) return pool.send(message, options)
      const once = open()
      try {
        return await once.send(message, options)
      } finally {
        await once.close()
      }
    },
    stats: () => current(false)?.stats() ?? NO_CONNECTIONS,
    // Connections belong to requests: there is nothing to open ahead of one.
    warm: async () => {},
    // Each request's pool is closed when the request ends.
    close: async () => {},
  }
}

/**
 * Runs `handle` as one request: connections opened through a
 * {@link requestScopedPool} inside it are QUIT when it settles, after the
 * response through `waitUntil` when the runtime gives one, before it otherwise.
 */
export async function withRequestConnections<R>(
  context: RequestContext<RequestConnections>,
  handle: () => Promise<R>,
  waitUntil?: WaitUntil,
): Promise<R> {
  const store: RequestConnections = { pools: new Map() }
  try {
    return await context.run(store, handle)
  } finally {
    if (store.pools.size > 0) {
      const closing = Promise.all([...store.pools.values()].map((pool) => pool.close().catch(() => undefined)))
      if (waitUntil !== undefined) waitUntil(closing)
      else await closing
    }
  }
}
