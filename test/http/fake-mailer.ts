import { isRequestLogEntry, type RequestLogEntry } from '../../src/http/log.js'
import { createTestApp, type TestAppOptions } from '../helpers/app.js'
import { messageBytes } from '../../src/smtp/data-stream.js'
import type { Mailer, OutgoingMessage, SendResult } from '../../src/smtp/types.js'

/** A message as the fake mailer keeps it: a chunked one joined into one buffer. */
export type SentMessage = OutgoingMessage & { raw: string | Uint8Array }

export interface FakeMailer extends Mailer {
  /** Messages handed to `send`, in order. */
  sent: SentMessage[]
  /** Makes the next sends throw this error (until cleared with `undefined`). */
  failWith(error: unknown): void
}

/** A Mailer that records messages and answers like Postfix, or throws on demand. */
export function fakeMailer(queueId: string | null = 'QID123'): FakeMailer {
  const sent: SentMessage[] = []
  let error: unknown
  return {
    sent,
    failWith: (e) => {
      error = e
    },
    async send(message): Promise<SendResult> {
      if (error !== undefined) throw error
      sent.push({ ...message, raw: messageBytes(message.raw) })
      return {
        accepted: [...message.envelope.to],
        rejected: [],
        response: queueId === null ? '250 2.0.0 Ok' : `250 2.0.0 Ok: queued as ${queueId}`,
        queueId,
      }
    },
    async close() {},
  }
}

/** `createApp` with a fake mailer and a captured log. */
export function testApp(options: Partial<TestAppOptions> = {}) {
  const mailer = fakeMailer()
  const logs: RequestLogEntry[] = []
  const app = createTestApp({ mailer, log: (e) => void (isRequestLogEntry(e) && logs.push(e)), ...options })
  return { app, mailer, logs }
}

/** The text of a message handed to a mailer, whichever form its `raw` takes (pieces are copied as they come: a piece is valid until the next). */
export function rawText(raw: OutgoingMessage['raw']): string {
  if (typeof raw === 'string') return raw
  if (raw instanceof Uint8Array) return new TextDecoder().decode(raw)
  const decoder = new TextDecoder()
  let text = ''
  for (const piece of raw.chunks()) text += decoder.decode(piece, { stream: true })
  return text + decoder.decode()
}

/** A minimal valid `/send` body. */
export const validMail = () => ({
  from: 'Ada <ada@example.com>',
  to: 'bob@example.org',
  subject: 'Hello',
  text: 'plain body',
})

/** Options for `app.request('/send', …)` with a JSON body. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

export const PROBLEM_JSON = 'application/problem+json'

/**
 * Options for `app.request('/send', …)` with a JSON body streamed in
 * `chunkSize`-byte chunks and no Content-Length (as a chunked upload arrives).
 */
export function postJsonStream(body: unknown, headers: Record<string, string> = {}, chunkSize = 100): RequestInit {
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body))
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize))
      controller.close()
    },
  })
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit
}
