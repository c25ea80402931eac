import { describe, expect, it } from 'vitest'
import { postJson, testApp } from './fake-mailer.js'

async function problemOf(path: string, body: unknown, options: Parameters<typeof testApp>[0] = {}) {
  const { app } = testApp(options)
  const res = await app.request(path, postJson(body))
  return { status: res.status, body: await res.json() }
}

describe('one round of validation: every problem in the first answer', () => {
  it('{} lists from, to, subject and text together', async () => {
    const { status, body } = await problemOf('/send', {})
    expect(status).toBe(422)
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['from', 'subject', 'text', 'to'])
    expect(body.errors.find((e: { path: string }) => e.path === 'from').message).toBe('From is required (no DEFAULT_FROM is configured).')
  })

  it('does not ask for from when DEFAULT_FROM supplies it', async () => {
    const { body } = await problemOf('/send', {}, { defaultFrom: 'App <app@example.com>' })
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['subject', 'text', 'to'])
  })

  it('a batch item gets the same list as /send', async () => {
    const { status, body } = await problemOf('/send/batch', [{}])
    expect(status).toBe(200)
    expect(body.results[0].errors.map((e: { path: string }) => e.path).sort()).toEqual(['from', 'subject', 'text', 'to'])
  })

  it('writes every message as a sentence, whichever check found the problem', async () => {
    const { body } = await problemOf('/send', {
      from: 'not an address',
      to: ['bob@example.org', 42],
      subject: 7,
      text: 'x',
      headers: { 'Bad Name': 'v', 'X-Ok': 'a\r\nb' },
      attachments: [{ filename: 'a.txt', content: '%%%' }],
      unknown_field: true,
    })
    expect(body.errors.length).toBeGreaterThanOrEqual(6)
    for (const e of body.errors as { message: string }[]) expect(e.message).toMatch(/^[A-Z][^]*[.!?]$/)
    expect(body.errors).toContainEqual({ path: 'subject', message: 'Expected a string, got a number.' })
    expect(body.errors).toContainEqual({ path: 'unknown_field', message: 'This field is not part of the request; check its spelling or remove it.' })
  })
})
