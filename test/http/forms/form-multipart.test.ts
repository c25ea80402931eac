import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { contactFile, filled, SITE } from './contact-form.js'

describe('a multipart/form-data form', () => {
  it('sends its files as attachments, byte for byte, and its text fields as data', async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256)
    const form = new FormData()
    for (const [k, v] of Object.entries(filled)) form.append(k, v)
    form.append('cv', new File([bytes], 'cv.pdf', { type: 'application/pdf' }))
    form.append('empty', new File([], ''))
    const res = await app.request('/forms/contact', { method: 'POST', body: form, headers: { Origin: SITE, Accept: 'application/json' } })
    expect(res.status).toBe(200)
    const parsed = await simpleParser(Buffer.from(mailer.sent[0]!.raw))
    expect(parsed.subject).toBe('Contact from Ada')
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['cv.pdf', 'application/pdf']])
    expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(bytes)
  })

  it('answers 413 for a form over MAX_BODY_BYTES, and sends nothing', async () => {
    const { app, mailer } = frontendsApp(contactFile(), { MAX_BODY_BYTES: '20000' })
    const form = new FormData()
    for (const [k, v] of Object.entries(filled)) form.append(k, v)
    form.append('big', new File([new Uint8Array(30_000)], 'big.bin'))
    const res = await app.request('/forms/contact', { method: 'POST', body: form, headers: { Origin: SITE, Accept: 'application/json' } })
    expect(res.status).toBe(413)
    expect(mailer.sent).toHaveLength(0)
  })
})
