import type { IncomingMessage } from 'node:http'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../../src/smtp/pool.js'
import type { Mailer } from '../../../src/smtp/types.js'
import { relayClientOptions, startTestRelay, type TestRelay } from './relay.js'
import { startService, type Service } from './service.js'
import type { TestAppOptions } from '../../helpers/app.js'

/** Deterministic bytes. */
const bytes = (n: number, seed: number) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (Math.imul(i + seed * 7919, 2654435761) >>> 24) & 0xff))
const base = { from: 'Ada <ada@example.com>', to: 'bob@example.org', subject: 'Big', text: 'see attached' }

let relay: TestRelay
let mailer: Mailer
let service: Service
beforeAll(async () => {
  relay = await startTestRelay()
  mailer = createSmtpPool({ ...relayClientOptions(relay), size: 2 })
})
afterAll(async () => {
  await mailer.close()
  await relay.stop()
})

/** The body read from the request's web stream, or from the IncomingMessage as the Node runtime does. */
const readers: [string, TestAppOptions['requestBody']][] = [
  ['web stream', undefined],
  ['IncomingMessage', (c) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming],
]

/** The attachments of the last message the relay received. */
async function received(): Promise<Buffer[]> {
  const parsed = await simpleParser(relay.received.at(-1)!.raw)
  return parsed.attachments.map((a) => a.content)
}

describe.each(readers)('large attachments over a real server and relay, body read from the %s', (_, requestBody) => {
  beforeAll(async () => {
    service = await startService({ mailer, maxBodyBytes: 32 * 1024 * 1024, requestBody })
  })
  afterAll(async () => {
    await service.close()
  })

  it('delivers a 3 MiB attachment byte for byte', async () => {
    const content = bytes(3 * 1024 * 1024, 1)
    const res = await service.send({ ...base, attachments: [{ filename: 'a.bin', content: content.toString('base64') }] })
    expect(res.status).toBe(200)
    expect((await received())[0]!.equals(content)).toBe(true)
  })

  it('delivers content written with JSON escapes (\\/), which stays a string', async () => {
    const content = bytes(1536 * 1024, 2)
    const json = JSON.stringify({ ...base, attachments: [{ filename: 'b.bin', content: content.toString('base64') }] }).replace(/\//g, '\\/')
    const res = await fetch(`${service.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })
    expect(res.status).toBe(200)
    expect((await received())[0]!.equals(content)).toBe(true)
  })

  it('sends every item of a large batch with its own attachment', async () => {
    const contents = [bytes(700 * 1024, 3), bytes(700 * 1024, 4)]
    const items = contents.map((c, i) => ({ ...base, subject: `item ${i}`, attachments: [{ filename: `${i}.bin`, content: c.toString('base64') }] }))
    const res = await fetch(`${service.url}/send/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) })
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: { message_id?: string }[] }
    expect(results.every((r) => typeof r.message_id === 'string')).toBe(true)
    const got = await Promise.all(relay.received.slice(-2).map(async (m) => (await simpleParser(m.raw)).attachments[0]!.content))
    expect(got.map((g) => contents.findIndex((c) => c.equals(g))).sort()).toEqual([0, 1])
  })

  it('reports invalid base64 in a large content as for a small one', async () => {
    const bad = bytes(1024 * 1024, 5).toString('base64').replace(/\+/g, '-')
    const res = await service.send({ ...base, attachments: [{ filename: 'c.bin', content: bad }] })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { errors: { path: string; message: string }[] }
    expect(body.errors).toEqual([{ path: 'attachments.0.content', message: expect.stringMatching(/^Attachment "c\.bin": content is not valid base64: character "-" at offset \d+ \(base64url is not accepted/) }])
  })

  it('puts back a long value of a "content" key that is not an attachment as the string it was', async () => {
    const value = 'v'.repeat(70 * 1024)
    const res = await service.send({ ...base, headers: { content: value }, attachments: [{ filename: 'd.bin', content: bytes(800 * 1024, 6).toString('base64') }] })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['headers'])
  })

  it('answers 400 for a large body that is not UTF-8, or not JSON', async () => {
    const json = Buffer.from(JSON.stringify({ ...base, attachments: [{ filename: 'e.bin', content: bytes(1024 * 1024, 7).toString('base64') }] }))
    const notUtf8 = Buffer.concat([json.subarray(0, 100), Buffer.from([0xff]), json.subarray(101)])
    const notJson = Buffer.concat([json, Buffer.from('}')])
    for (const body of [notUtf8, notJson]) {
      const res = await fetch(`${service.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { code: string }).code).toBe('invalid_json')
    }
  })

  it('replays a large request with the same Idempotency-Key instead of sending it twice', async () => {
    const body = { ...base, attachments: [{ filename: 'f.bin', content: bytes(1024 * 1024, 8).toString('base64') }] }
    const before = relay.received.length
    const first = await service.send(body, { 'Idempotency-Key': 'large-1' })
    const again = await service.send(body, { 'Idempotency-Key': 'large-1' })
    expect([first.status, again.status]).toEqual([200, 200])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(relay.received.length - before).toBe(1)
  })
})
