import type { Server } from 'node:http'

/** How an HTTP server stopped. */
export interface DrainResult {
  /** True when requests were still running at the deadline and their connections were cut. */
  forced: boolean
}

/**
 * Stops an HTTP server gracefully: it accepts no new connections at once,
 * requests in flight run to completion, keep-alive connections are closed as
 * soon as they go idle, and whatever still runs after `timeoutMs` is cut.
 *
 * @example
 * ```ts
 * const { forced } = await drainHttpServer(server, 10_000)
 * ```
 */
export function drainHttpServer(server: Server, timeoutMs = 10_000): Promise<DrainResult> {
  return new Promise((resolve) => {
    let forced = false
    let sweeper: ReturnType<typeof setInterval> | undefined
    let deadline: ReturnType<typeof setTimeout> | undefined
    const finish = () => {
      clearInterval(sweeper)
      clearTimeout(deadline)
      resolve({ forced })
    }
    if (!server.listening) return finish()
    server.close(finish)
    server.closeIdleConnections()
    // A connection finishing its request stays open for keep-alive: close it as it goes idle.
    sweeper = setInterval(() => server.closeIdleConnections(), 50)
    deadline = setTimeout(() => {
      forced = true
      server.closeAllConnections()
    }, timeoutMs)
  })
}
