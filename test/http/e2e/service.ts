import { request, type ClientRequest, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { isRequestLogEntry, type RequestLogEntry } from '../../../src/http/log.js'
import { createTestApp, type TestAppOptions } from '../../helpers/app.js'

export interface Service {
  url: string
  logs: RequestLogEntry[]
  /** POST a JSON body to `/send`. */
  send(body: unknown, headers?: Record<string, string>): Promise<Response>
  close(): Promise<void>
}

/** The app served by `@hono/node-server` on an ephemeral 127.0.0.1 port. */
export async function startService(options: TestAppOptions): Promise<Service> {
  const logs: RequestLogEntry[] = []
  const app = createTestApp({ log: (e) => void (isRequestLogEntry(e) && logs.push(e)), ...options })
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

/** A response read to its end over a raw `node:http` request. */
export interface RawResponse {
  status: number
  type: string | undefined
  body: string
}

/**
 * `POST {url}{path}` with node:http, for bodies `fetch` cannot send: `write`
 * writes what it likes (e.g. less than the declared Content-Length, or chunks
 * without ever ending) and the promise settles with the response.
 */
export function rawPost(url: string, path: string, headers: OutgoingHttpHeaders, write: (req: ClientRequest) => void): Promise<RawResponse> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (r) => {
      let body = ''
      r.setEncoding('utf8')
      r.on('data', (c: string) => (body += c))
      r.on('end', () => resolve({ status: r.statusCode ?? 0, type: r.headers['content-type'], body }))
    })
    req.on('error', reject)
    write(req)
  })
}
