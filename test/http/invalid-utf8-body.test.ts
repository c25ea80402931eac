import { describe, expect, it } from 'vitest'
import { headerValue } from '../mail/parse.js'
import { PROBLEM_JSON, testApp, validMail, rawText } from './fake-mailer.js'

const utf8 = (s: string) => new TextEncoder().encode(s)
const decode = rawText

/** A valid `/send` body whose subject holds `bytes` (raw, not escaped) between "a" and "b". */
function bodyWithSubjectBytes(bytes: number[]): Uint8Array<ArrayBuffer> {
  const [head, tail] = JSON.stringify({ ...validMail(), subject: 'a\u0000b' }).split('\\u0000') as [string, string]
  return new Uint8Array([...utf8(head), ...bytes, ...utf8(tail)])
}

function postBytes(body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }
}

/** The same bytes, streamed in small chunks without a Content-Length. */
function postBytesChunked(body: Uint8Array<ArrayBuffer>): RequestInit {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < body.length; i += 7) controller.enqueue(body.slice(i, i + 7))
      controller.close()
    },
  })
  return { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, body: stream, duplex: 'half' } as RequestInit
}

describe('a request body that is not valid UTF-8', () => {
  it.each([
    ['a stray continuation byte', [0x80]],
    ['a byte UTF-8 never uses', [0xff]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe4, 0xbd]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('is refused with 400 invalid_json: %s', async (_case, bytes) => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postBytes(bodyWithSubjectBytes(bytes)))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(await res.json()).toMatchObject({ code: 'invalid_json', detail: expect.stringContaining('not valid UTF-8') })
    expect(mailer.sent).toHaveLength(0)
  })

  it('is refused whatever charset the Content-Type claims', async () => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postBytes(bodyWithSubjectBytes([0xe9]), { 'Content-Type': 'application/json; charset=iso-8859-1' }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'invalid_json', detail: expect.stringContaining('UTF-8') })
    expect(mailer.sent).toHaveLength(0)
  })

  it('is refused when streamed without a Content-Length, and with an Idempotency-Key', async () => {
    const { app } = testApp()
    const streamed = await app.request('/send', postBytesChunked(bodyWithSubjectBytes([0xc0, 0xaf])))
    expect(streamed.status).toBe(400)
    const keyed = await app.request('/send', postBytes(bodyWithSubjectBytes([0xed, 0xbf, 0xbf]), { 'Idempotency-Key': 'k-1' }))
    expect(keyed.status).toBe(400)
    expect(await keyed.json()).toMatchObject({ code: 'invalid_json' })
  })

  it('refuses each such item of a batch body as a whole', async () => {
    const { app, mailer } = testApp()
    const item = bodyWithSubjectBytes([0xff])
    const batch = new Uint8Array([0x5b, ...item, 0x5d])
    const res = await app.request('/send/batch', postBytes(batch))
    expect(res.status).toBe(400)
    expect(mailer.sent).toHaveLength(0)
  })
})

describe('a valid UTF-8 body', () => {
  it.each([
    ['two-byte', 'é'],
    ['three-byte', '你好'],
    ['four-byte', '😀'],
  ])('still sends, %s characters intact', async (_case, text) => {
    const { app, mailer } = testApp()
    const res = await app.request('/send', postBytes(utf8(JSON.stringify({ ...validMail(), subject: text })), { 'Idempotency-Key': 'k-ok' }))
    expect(res.status).toBe(200)
    expect(mailer.sent).toHaveLength(1)
    expect(headerValue(decode(mailer.sent[0]!.raw), 'Subject')).toBe(text)
  })
})
