import { describe, expect, it } from 'vitest'
import { PROBLEM_JSON, postJson, testApp, validMail } from './fake-mailer.js'

async function errorsOf(body: unknown, options: Parameters<typeof testApp>[0] = {}) {
  const { app, mailer } = testApp(options)
  const res = await app.request('/send', postJson(body))
  expect(res.status).toBe(422)
  expect(res.headers.get('content-type')).toBe(PROBLEM_JSON)
  const problem = await res.json()
  expect(problem).toMatchObject({ type: 'about:blank', title: 'Validation failed', status: 422, code: 'validation_error' })
  expect(typeof problem.detail).toBe('string')
  expect(mailer.sent).toHaveLength(0)
  return problem.errors as { path: string; message: string }[]
}

const paths = (errors: { path: string }[]) => errors.map((e) => e.path).sort()

describe('POST /send validation (422)', () => {
  it('reports each schema problem with its own dotted path', async () => {
    const errors = await errorsOf({
      from: 'ada@example.com',
      to: ['bob@example.org', 42, { email: 7 }],
      subject: 5,
      text: 'x',
      attachments: [{ filename: 'a.txt' }],
      headers: { 'X-A': 1 },
    })
    expect(paths(errors)).toEqual(['attachments.0.content', 'headers.X-A', 'subject', 'to.1', 'to.2.email'])
  })

  it('requires subject, and allows it empty', async () => {
    const { subject: _s, ...rest } = validMail()
    expect(await errorsOf(rest)).toEqual([{ path: 'subject', message: 'This field is required.' }])
    const { app } = testApp()
    expect((await app.request('/send', postJson({ ...validMail(), subject: '' }))).status).toBe(200)
  })

  it('requires text or html', async () => {
    const { text: _t, ...rest } = validMail()
    expect(paths(await errorsOf(rest))).toEqual(['text'])
  })

  it('requires at least one recipient', async () => {
    const { to: _to, ...rest } = validMail()
    expect(paths(await errorsOf(rest))).toEqual(['to'])
    expect(paths(await errorsOf({ ...rest, to: [], cc: [], bcc: [] }))).toEqual(['to'])
  })

  it('accepts a bcc-only message', async () => {
    const { to: _to, ...rest } = validMail()
    const { app } = testApp()
    expect((await app.request('/send', postJson({ ...rest, bcc: 'hidden@example.org' }))).status).toBe(200)
  })

  it('rejects unknown fields by name', async () => {
    expect(await errorsOf({ ...validMail(), replyTo: 'x@example.com' })).toEqual([
      { path: 'replyTo', message: 'This field is not part of the request; check its spelling or remove it.' },
    ])
  })

  it('rejects more than maxRecipients across to, cc and bcc', async () => {
    const list = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}@example.org`)
    const errors = await errorsOf({ ...validMail(), to: list('t', 2), cc: list('c', 2), bcc: list('b', 2) }, { maxRecipients: 5 })
    expect(errors).toHaveLength(1)
    expect(errors[0]!.path).toBe('bcc')
    expect(errors[0]!.message).toMatch(/at most 5/)
    const { app } = testApp({ maxRecipients: 6 })
    const ok = await app.request('/send', postJson({ ...validMail(), to: list('t', 2), cc: list('c', 2), bcc: list('b', 2) }))
    expect(ok.status).toBe(200)
  })

  it('applies the default limit of 50 recipients', async () => {
    const to = Array.from({ length: 51 }, (_, i) => `r${i}@example.org`)
    expect(paths(await errorsOf({ ...validMail(), to }))).toEqual(['to'])
  })

  it('requires from when no DEFAULT_FROM is configured', async () => {
    const { from: _f, ...rest } = validMail()
    expect(paths(await errorsOf(rest))).toEqual(['from'])
  })

  it('reports invalid addresses by path, e.g. to.1.email', async () => {
    const errors = await errorsOf({
      ...validMail(),
      to: ['bob@example.org', { email: 'not an address', name: 'X' }],
      cc: 'carol@@example.org',
    })
    expect(paths(errors)).toEqual(['cc', 'to.1.email'])
  })

  it('reports an invalid from and reply_to', async () => {
    const errors = await errorsOf({ ...validMail(), from: 'nobody', reply_to: ['ok@example.com', 'bad'] })
    expect(paths(errors)).toEqual(['from', 'reply_to.1'])
  })

  it('rejects attachment content that is not base64', async () => {
    const errors = await errorsOf({ ...validMail(), attachments: [{ filename: 'a.bin', content: 'not base64!!' }] })
    expect(paths(errors)).toEqual(['attachments.0.content'])
  })

  it.each(['From', 'to', 'BCC', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'content-transfer-encoding'])(
    'rejects the structural header %s in headers',
    async (name) => {
      expect(paths(await errorsOf({ ...validMail(), headers: { [name]: 'x' } }))).toEqual([`headers.${name}`])
    },
  )

  it('reports a __proto__ header instead of dropping it silently', async () => {
    const body = JSON.stringify(validMail()).replace(/}$/, ',"headers":{"__proto__":"x","X-Ok":"1"}}')
    expect(paths(await errorsOf(body))).toEqual(['headers.__proto__'])
  })

  it('rejects header names that are not RFC 5322 field names', async () => {
    const errors = await errorsOf({ ...validMail(), headers: { 'X Bad': 'x' } })
    expect(paths(errors)).toEqual(['headers.X Bad'])
  })
})
