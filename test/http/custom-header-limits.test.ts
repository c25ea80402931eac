import { describe, expect, it } from 'vitest'
import { postJson, testApp, validMail } from './fake-mailer.js'

const headersOf = (n: number, value = 'v') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-H${i}`, value]))

async function send(body: unknown, options: Parameters<typeof testApp>[0] = {}) {
  const { app, mailer } = testApp(options)
  const res = await app.request('/send', postJson(body))
  return { status: res.status, body: (await res.json()) as { code?: string; errors?: { path: string; message: string }[] }, sent: mailer.sent.length }
}

describe('the number of custom headers', () => {
  it('is at most 50 by default: the 51st is a 422 naming headers', async () => {
    expect((await send({ ...validMail(), headers: headersOf(50) })).status).toBe(200)
    const over = await send({ ...validMail(), headers: headersOf(51) })
    expect(over.status).toBe(422)
    expect(over.body.code).toBe('validation_error')
    expect(over.body.errors).toEqual([{ path: 'headers', message: expect.stringMatching(/^Too many headers: at most 50\b/) }])
    expect(over.sent).toBe(0)
  })

  it('follows maxHeaders', async () => {
    expect((await send({ ...validMail(), headers: headersOf(3) }, { maxHeaders: 3 })).status).toBe(200)
    const over = await send({ ...validMail(), headers: headersOf(4) }, { maxHeaders: 3 })
    expect(over.body.errors).toEqual([{ path: 'headers', message: expect.stringContaining('at most 3') }])
  })

  it('refuses 100,000 headers with one entry, not one per header', async () => {
    const over = await send({ ...validMail(), headers: headersOf(100_000) })
    expect(over.status).toBe(422)
    expect(over.body.errors).toHaveLength(1)
  })
})

describe('the total size of custom headers', () => {
  it('is at most 16384 bytes of names and values by default', async () => {
    // 4 headers: names "X-H0".."X-H3" (4 bytes each) and values of 4092 bytes: exactly 16384.
    const fits = headersOf(4, 'a'.repeat(4092))
    expect((await send({ ...validMail(), headers: fits })).status).toBe(200)
    const over = await send({ ...validMail(), headers: { ...fits, 'X-H3': 'a'.repeat(4093) } })
    expect(over.status).toBe(422)
    expect(over.body.errors).toEqual([{ path: 'headers', message: expect.stringMatching(/^Headers too large: at most 16384 bytes\b/) }])
    expect(over.sent).toBe(0)
  })

  it('counts UTF-8 bytes, not characters, and follows maxHeaderBytes', async () => {
    // "X-A" (3 bytes) + "é" x 4 (8 bytes) = 11 bytes
    expect((await send({ ...validMail(), headers: { 'X-A': 'éééé' } }, { maxHeaderBytes: 11 })).status).toBe(200)
    const over = await send({ ...validMail(), headers: { 'X-A': 'ééééé' } }, { maxHeaderBytes: 11 })
    expect(over.status).toBe(422)
    expect(over.body.errors).toEqual([{ path: 'headers', message: expect.stringContaining('at most 11 bytes') }])
  })
})
