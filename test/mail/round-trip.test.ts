import { describe, expect, it } from 'vitest'
import { composeMessage, type MailInput } from '../../src/mail/index.js'
import { b64, bytesText, headerValue, parseBoth } from './parse.js'

const base = { from: 'Ada <ada@example.com>', to: 'bob@example.org' }

interface Case {
  name: string
  input: MailInput
}

const longLine = 'x'.repeat(2000)
const cases: Case[] = [
  { name: 'ASCII', input: { ...base, subject: 'Hello there', text: 'Just text.\nSecond line.\n' } },
  { name: 'Chinese', input: { ...base, from: '张伟 <zhang@example.com>', subject: '你好，世界', text: '中文正文\n第二行' } },
  { name: 'emoji', input: { ...base, to: { email: 'bob@example.org', name: 'Bob 🎉👩‍👩‍👧' }, subject: 'Party 🎉🥳 time 👩‍👩‍👧', text: 'See you 🎈' } },
  { name: 'RTL', input: { ...base, from: { email: 'ali@example.com', name: 'علي محمد' }, subject: 'مرحبا بالعالم שלום', text: 'نص عربي' } },
  { name: 'name with comma', input: { ...base, from: '"Last, First" <first@example.com>', subject: 's', text: 't' } },
  { name: 'name with quotes and backslash', input: { ...base, to: { email: 'bob@example.org', name: 'Bob "The \\ Builder"' }, subject: 's', text: 't' } },
  { name: 'name with edge and double spaces', input: { ...base, to: { email: 'bob@example.org', name: ' Bob  Smith ' }, subject: ' two  spaces ', text: 't' } },
  { name: 'name with @', input: { ...base, to: { email: 'bob@example.org', name: 'bob@example.org via Team' }, subject: 's', text: 't' } },
  { name: 'long subject', input: { ...base, subject: 'Long subject '.repeat(25) + 'é', text: 't' } },
  { name: 'long ASCII subject', input: { ...base, subject: 'word '.repeat(70) + 'end', text: 't' } },
  { name: 'subject that looks encoded', input: { ...base, subject: '=?UTF-8?B?SGk=?= literally', text: 't' } },
  { name: '2,000-char line', input: { ...base, subject: 's', text: `${longLine}\nshort\n${longLine}` } },
  { name: 'dot and From lines', input: { ...base, subject: 's', text: '.\n..leading dots\nFrom here\nFrom: x\n.', html: '<p>\n.\nFrom there</p>' } },
  { name: 'empty subject', input: { ...base, subject: '', text: 't' } },
  { name: 'html only', input: { ...base, subject: 'h', html: '<p>Hi <b>there</b> 你好</p>' } },
  { name: 'mixed line endings', input: { ...base, subject: 's', text: 'a\r\nb\rc\nd' } },
]

describe('round trip through postal-mime and mailparser', () => {
  for (const { name, input } of cases) {
    it(name, async () => {
      const msg = composeMessage(input)
      const { postal, mailparser, raw } = await parseBoth(msg.raw)
      expect(postal.subject ?? '').toBe(input.subject)
      expect(mailparser.subject ?? '').toBe(input.subject)
      expect(headerValue(raw, 'Subject')).toBe(input.subject)
      const norm = (s: string | undefined) => s?.replace(/\r\n?/g, '\n')
      if (input.text !== undefined) expect(mailparser.text).toBe(norm(input.text))
      if (input.html !== undefined) expect(mailparser.html).toBe(norm(input.html))
      // postal-mime keeps the line break that ends the part: compare without one trailing newline.
      if (input.text !== undefined) expect(norm(postal.text)?.replace(/\n$/, '')).toBe(norm(input.text)?.replace(/\n$/, ''))
      if (input.html !== undefined) expect(norm(postal.html)?.replace(/\n$/, '')).toBe(norm(input.html)?.replace(/\n$/, ''))
      const from = typeof input.from === 'string' ? /^(?:"?(.*?)"? )?<(.*)>$/.exec(input.from) : null
      const fromName = typeof input.from === 'string' ? (from?.[1] ?? '') : (input.from.name ?? '')
      expect(postal.from?.name).toBe(fromName)
      expect(mailparser.from?.value[0]?.name).toBe(fromName)
      const to = Array.isArray(input.to) ? input.to[0] : input.to
      if (typeof to === 'object' && to) {
        expect(postal.to?.[0]?.name).toBe(to.name)
        expect(postal.to?.[0]?.address).toBe(to.email)
        const mpTo = mailparser.to && !Array.isArray(mailparser.to) ? mailparser.to.value[0] : undefined
        expect([mpTo?.address, mpTo?.name]).toEqual([to.email, to.name])
      }
    })
  }

  it('html with inline cid images inside multipart/related', async () => {
    const png = b64('\x89PNG fake image bytes')
    const msg = composeMessage({
      ...base,
      subject: 'inline',
      text: 'see the logo',
      html: '<p><img src="cid:logo@mb"> and <img src="cid:chart"></p>',
      attachments: [
        { filename: 'logo.png', content: png, content_id: 'logo@mb' },
        { filename: 'chart.svg', content: b64('<svg/>'), content_id: '<chart>' },
        { filename: 'report.pdf', content: b64('%PDF-1.4') },
      ],
    })
    const { postal, mailparser, raw } = await parseBoth(msg.raw)
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m)
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m)
    expect(raw).toMatch(/^Content-Type: multipart\/related; type="text\/html";/m)
    expect(raw.indexOf('multipart/mixed')).toBeLessThan(raw.indexOf('multipart/alternative'))
    expect(raw.indexOf('multipart/alternative')).toBeLessThan(raw.indexOf('multipart/related'))
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'))
    const inline = postal.attachments.filter((a) => a.disposition === 'inline')
    expect(inline.map((a) => [a.filename, a.contentId, a.mimeType])).toEqual([
      ['logo.png', '<logo@mb>', 'image/png'],
      ['chart.svg', '<chart>', 'image/svg+xml'],
    ])
    expect(postal.attachments.find((a) => a.filename === 'report.pdf')?.disposition).toBe('attachment')
    expect(mailparser.attachments.map((a) => [a.filename, a.cid ?? null, a.related ?? false])).toEqual([
      ['logo.png', 'logo@mb', true],
      ['chart.svg', 'chart', true],
      ['report.pdf', null, false],
    ])
    expect(bytesText(mailparser.attachments[2]!.content)).toBe('%PDF-1.4')
  })

  it('several attachments with non-ASCII filenames', async () => {
    const files = [
      { filename: 'Überweisung März.pdf', body: 'pdf bytes' },
      { filename: '报告 2026 年度总结（最终版）非常长的文件名以测试续行参数是否正确.docx', body: 'docx' },
      { filename: 'emoji 🎉 "quoted" name.txt', body: 'hello\r\nworld' },
      { filename: 'تقرير.csv', body: 'a,b\n1,2' },
      { filename: 'plain.txt', body: '' },
    ]
    const msg = composeMessage({
      ...base,
      subject: 'files',
      text: 'attached',
      attachments: files.map((f) => ({ filename: f.filename, content: b64(f.body) })),
    })
    const { postal, mailparser } = await parseBoth(msg.raw)
    expect(postal.attachments.map((a) => [a.filename, bytesText(a.content)])).toEqual(files.map((f) => [f.filename, f.body]))
    expect(mailparser.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual(files.map((f) => [f.filename, f.body]))
    expect(mailparser.attachments[0]?.contentType).toBe('application/pdf')
  })

  it('bcc is in the envelope but not in the headers', async () => {
    const msg = composeMessage({
      from: 'ada@example.com',
      to: ['bob@example.org', 'Carol <carol@example.org>'],
      cc: 'dave@example.org',
      bcc: ['secret@example.net', 'BOB@example.org', 'bob@EXAMPLE.org'],
      subject: 'bcc',
      text: 't',
    })
    const { raw, postal, mailparser } = await parseBoth(msg.raw)
    expect(msg.envelope).toEqual({
      from: 'ada@example.com',
      to: ['bob@example.org', 'carol@example.org', 'dave@example.org', 'secret@example.net', 'BOB@example.org'],
    })
    expect(raw).not.toMatch(/secret/)
    expect(raw).not.toMatch(/^Bcc:/im)
    expect(postal.bcc).toBeUndefined()
    expect(mailparser.bcc).toBeUndefined()
    expect(mailparser.cc && !Array.isArray(mailparser.cc) ? mailparser.cc.value.map((a) => a.address) : []).toEqual(['dave@example.org'])
  })

  it('internationalized domains are punycoded in headers and envelope', async () => {
    const msg = composeMessage({ from: 'Zoë <zoe@bücher.example>', to: 'ü@mañana.example', subject: 's', text: 't' })
    expect(msg.envelope).toEqual({ from: 'zoe@xn--bcher-kva.example', to: ['ü@xn--maana-pta.example'] })
    expect(msg.smtputf8).toBe(true)
    expect(msg.messageId).toMatch(/^<[0-9a-f]{36}@xn--bcher-kva\.example>$/)
    const { postal } = await parseBoth(msg.raw)
    expect(postal.from).toEqual({ name: 'Zoë', address: 'zoe@xn--bcher-kva.example' })
    expect(postal.to?.[0]?.address).toBe('ü@xn--maana-pta.example')
  })

  it('custom headers round-trip, encoded when not ASCII', async () => {
    const headers = { 'X-Campaign': 'welcome', 'X-Note': 'Grüße 你好', 'X-Spaces': '  two  spaces ', 'List-Unsubscribe': '<mailto:u@example.com>' }
    const msg = composeMessage({ ...base, subject: 's', text: 't', headers })
    const { raw } = await parseBoth(msg.raw)
    for (const [k, v] of Object.entries(headers)) expect(headerValue(raw, k)).toBe(v)
    expect(raw).toMatch(/^X-Campaign: welcome\r$/m)
  })
})
