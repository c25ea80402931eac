import { simpleParser, type AddressObject } from 'mailparser'
import PostalMime from 'postal-mime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpClient } from '../../../src/smtp/index.js'
import { createSmtpPool } from '../../../src/smtp/pool.js'
import type { Mailer } from '../../../src/smtp/types.js'
import { relayClientOptions, startTestRelay, type TestRelay } from './relay.js'
import { startService, type Service } from './service.js'

const pdf = Buffer.from('%PDF-1.4\n% fake pdf bytes \x00\x01\x02\xff\n', 'latin1')
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

const request = {
  from: 'Ada Lovelace <ada@example.com>',
  to: ['bob@example.org', { email: 'eve@example.net', name: 'Eve Ä' }],
  cc: 'carol@example.org',
  bcc: ['secret-bcc@example.org'],
  reply_to: 'support@example.com',
  subject: 'Hello 你好 — a long subject line that needs folding and encoding to fit 78 columns',
  text: 'plain body\nsecond line\n.starts with a dot\n',
  html: '<p>html body <img src="cid:logo"></p>',
  attachments: [
    { filename: 'report.pdf', content: pdf.toString('base64'), content_type: 'application/pdf' },
    { filename: 'logo.png', content: png.toString('base64'), content_id: 'logo' },
  ],
  headers: { 'X-Campaign': 'welcome' },
}

const mailers: [string, () => Mailer][] = [
  ['one-shot client', () => createSmtpClient(relayOptions())],
  ['pool', () => createSmtpPool({ ...relayOptions(), size: 2 })],
]

let relay: TestRelay
const relayOptions = () => relayClientOptions(relay)

beforeAll(async () => {
  relay = await startTestRelay()
})
afterAll(async () => {
  await relay.stop()
})

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => ({ address: v.address, name: v.name })))

describe.each(mailers)('POST /send end to end over a real relay (%s)', (_, makeMailer) => {
  let service: Service
  let mailer: Mailer
  beforeAll(async () => {
    mailer = makeMailer()
    service = await startService({ mailer, apiKeys: ['e2e-key'] })
  })
  afterAll(async () => {
    await service.close()
    await mailer.close()
  })

  it('delivers the message through STARTTLS + AUTH, field by field as requested', async () => {
    const before = relay.received.length
    const auths = relay.authenticated
    const res = await service.send(request, { Authorization: 'Bearer e2e-key' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(relay.received).toHaveLength(before + 1)
    expect(relay.authenticated).toBeGreaterThan(auths)
    const got = relay.received[before]!

    // Response ↔ what the relay announced and received.
    expect(body.queue_id).toBe(got.queueId)
    expect(body.smtp_response).toMatch(new RegExp(`^250 .*queued as ${got.queueId}$`))
    expect(body.accepted.sort()).toEqual(
      ['bob@example.org', 'carol@example.org', 'eve@example.net', 'secret-bcc@example.org'].sort(),
    )
    expect(body.rejected).toEqual([])

    // Envelope: bcc is a recipient...
    expect(got.from).toBe('ada@example.com')
    expect(got.to.sort()).toEqual(body.accepted.sort())
    // ...but never appears in the headers.
    const raw = got.raw.toString('utf8')
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
    expect(head).not.toContain('secret-bcc')
    expect(head).not.toMatch(/^bcc:/im)

    // mailparser
    const m = await simpleParser(got.raw, { skipImageLinks: true })
    expect(m.messageId).toBe(body.message_id)
    expect(addresses(m.from)).toEqual([{ address: 'ada@example.com', name: 'Ada Lovelace' }])
    expect(addresses(m.to)).toEqual([
      { address: 'bob@example.org', name: '' },
      { address: 'eve@example.net', name: 'Eve Ä' },
    ])
    expect(addresses(m.cc)).toEqual([{ address: 'carol@example.org', name: '' }])
    expect(addresses(m.replyTo)).toEqual([{ address: 'support@example.com', name: '' }])
    expect(m.bcc).toBeUndefined()
    expect(m.subject).toBe(request.subject)
    expect(m.text).toBe(request.text)
    expect(m.html).toBe(request.html)
    expect(m.headers.get('x-campaign')).toBe('welcome')
    const byName = Object.fromEntries(m.attachments.map((a) => [a.filename, a]))
    expect(Object.keys(byName).sort()).toEqual(['logo.png', 'report.pdf'])
    expect(byName['report.pdf']!.contentType).toBe('application/pdf')
    expect(byName['report.pdf']!.content.equals(pdf)).toBe(true)
    expect(byName['logo.png']!.contentType).toBe('image/png')
    expect(byName['logo.png']!.content.equals(png)).toBe(true)
    expect(byName['logo.png']!.cid).toBe('logo')

    // postal-mime, independently
    const p = await PostalMime.parse(got.raw)
    expect(p.messageId).toBe(body.message_id)
    expect(p.from).toMatchObject({ address: 'ada@example.com', name: 'Ada Lovelace' })
    expect(p.to?.map((a) => [a.address, a.name])).toEqual([
      ['bob@example.org', ''],
      ['eve@example.net', 'Eve Ä'],
    ])
    expect(p.cc?.map((a) => a.address)).toEqual(['carol@example.org'])
    expect(p.replyTo?.map((a) => a.address)).toEqual(['support@example.com'])
    expect(p.bcc).toBeUndefined()
    expect(p.subject).toBe(request.subject)
    // postal-mime keeps the CRLF that RFC 2046 assigns to the boundary
    // delimiter at the end of each part of a multipart; mailparser drops it.
    const unDelimit = (s: string | undefined) => s?.replace(/\n$/, '')
    expect(unDelimit(p.text)).toBe(request.text)
    expect(unDelimit(p.html)).toBe(request.html)
    expect(p.headers.find((h) => h.key === 'x-campaign')?.value).toBe('welcome')
    const pAtt = Object.fromEntries(p.attachments.map((a) => [a.filename, a]))
    expect(Buffer.from(pAtt['report.pdf']!.content as ArrayBuffer).equals(pdf)).toBe(true)
    expect(pAtt['logo.png']!.contentId).toBe('<logo>')
    expect(pAtt['logo.png']!.disposition).toBe('inline')
  })

  it('logs the message id and queue id of the delivery', async () => {
    const res = await service.send(
      { from: 'ada@example.com', to: 'bob@example.org', subject: '', text: 'x' },
      { Authorization: 'Bearer e2e-key' },
    )
    const body = await res.json()
    expect(service.logs.at(-1)).toMatchObject({
      method: 'POST',
      path: '/send',
      status: 200,
      message_id: body.message_id,
      queue_id: body.queue_id,
    })
  })
})
