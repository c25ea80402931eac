import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp, type AppOptions, type RequestLogEntry } from '../../src/app.js'

export interface Service {
  url: string
  logs: RequestLogEntry[]
  /** POST a JSON body to `/send`. */
  send(body: unknown, headers?: Record<string, string>): Promise<Response>
  close(): Promise<void>
}

/** The app served by `@hono/node-server` on an ephemeral 127.0.0.1 port. */
export async function startService(options: AppOptions): Promise<Service> {
  const logs: RequestLogEntry[] = []
  const app = createApp({ log: (e) => logs.push(e), ...options })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    logs,
    send: (body, headers = {}) =>
      fetch(`${url}/send`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
