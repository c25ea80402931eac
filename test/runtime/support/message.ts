import { simpleParser } from 'mailparser'
import { expect } from 'vitest'
import type { Relay } from '../../helpers/smtp-server-relay.js'

export const SUBJECT = 'Grüße aus Köln — 配達テスト ✓'
/** Bytes of every value 0–255, twice: any mangling shows. */
export const ATTACHMENT = new Uint8Array(512).map((_, i) => i % 256)

/** A `POST /send` body with a UTF-8 subject and a binary attachment. */
export function sendBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    from: 'Ada Lovelace <ada@example.com>',
    to: 'bob@example.org',
    subject: SUBJECT,
    text: 'Bonjour, ça va ?',
    attachments: [{ filename: 'bytes.bin', content_type: 'application/octet-stream', content: Buffer.from(ATTACHMENT).toString('base64') }],
    ...overrides,
  }
}

/** POSTs JSON to `url` with an optional API key and extra headers. */
export function postJson(url: string, body: unknown, { apiKey, headers = {} }: { apiKey?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  })
}

/**
 * Checks that the message of a 200 `/send` answer arrived at `relay` exactly
 * once, with the queue id the answer gave, and parses back (mailparser) to the
 * subject and attachment sent.
 */
export async function expectDeliveredOnce(relay: Relay, answer: { message_id: string; queue_id: string | null }): Promise<void> {
  const matching = []
  for (const m of relay.received) {
    const parsed = await simpleParser(m.raw)
    if (parsed.messageId === answer.message_id) matching.push({ m, parsed })
  }
  expect(matching).toHaveLength(1)
  const { m, parsed } = matching[0]!
  expect(answer.queue_id).toBe(m.queueId)
  expect(m.to).toEqual(['bob@example.org'])
  expect(parsed.subject).toBe(SUBJECT)
  expect(parsed.from?.value[0]).toEqual({ address: 'ada@example.com', name: 'Ada Lovelace' })
  expect(parsed.text?.trim()).toBe('Bonjour, ça va ?')
  expect(parsed.attachments).toHaveLength(1)
  expect(parsed.attachments[0]!.filename).toBe('bytes.bin')
  expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(ATTACHMENT)
}
