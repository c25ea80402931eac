import autocannon from 'autocannon'
import type { SmtpSink } from '../../test/helpers/smtp-sink.js'

export interface LoadOptions {
  url: string
  body: string
  connections: number
  /** Requests to make; the run ends when every response is in. */
  amount: number
  /** Messages each 2xx response stands for (100 for a batch). */
  messagesPerOk?: (body: string) => number
}

export interface LoadResult {
  requests: number
  ok: number
  non2xx: number
  errors: number
  /** Messages the 2xx responses report as sent. */
  messages: number
  seconds: number
  p50: number
  p99: number
}

/**
 * Drives `amount` POSTs at `connections` concurrent connections with
 * autocannon. A fixed amount rather than a fixed time, so that no request is
 * cut off at the end and every message the sink counts has its response.
 */
export async function load({ url, body, connections, amount, messagesPerOk }: LoadOptions): Promise<LoadResult> {
  let messages = 0
  const t0 = performance.now()
  let last = t0
  const result = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status: number, resBody: string) => {
          last = performance.now()
          if (status >= 200 && status < 300) messages += messagesPerOk ? messagesPerOk(resBody) : 1
        },
      },
    ],
  })
  // autocannon notices the end only on its 1-second tick and reports whole
  // seconds: time the run from the start to the last response instead.
  const seconds = (last - t0) / 1000
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    messages,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }
}

/** Waits until the sink's counter stops moving (its output is read asynchronously). */
export async function settledCount(sink: SmtpSink): Promise<number> {
  let last = -1
  for (;;) {
    await new Promise((r) => setTimeout(r, 150))
    const now = sink.messages()
    if (now === last) return now
    last = now
  }
}
