import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { useEntry } from './entry-process.js'

describe('npm start with no relay configured', () => {
  const tmp = useTempDir('mailbridge-smoke-')
  const started = useEntry(async () => ({ PORT: String(await freePort()), OUTBOX_DIR: join(tmp(), 'outbox') }))
  let url: string
  beforeAll(async () => {
    url = String((await started().waitForEvent(/^listening on /)).url)
  })

  it('says mail is captured and where', async () => {
    const entry = started()
    const dir = tmp()
    const event = await entry.waitForEvent(/^mail is captured/)
    expect(event.outbox_dir).toBe(join(dir, 'outbox'))
    expect(event.msg).toContain(join(dir, 'outbox'))
  })

  it('sends through the built-in relay into OUTBOX_DIR/<queue_id>.eml', async () => {
    const entry = started()
    const dir = tmp()
    const res = await fetch(`${url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: 'Ada <ada@example.com>',
        to: ['bob@example.org'],
        bcc: 'hidden@example.net',
        subject: 'Smoke test ✓',
        text: 'Hello from the smoke test.',
      }),
    })
    const body = (await res.json()) as { queue_id: string; message_id: string; accepted: string[]; smtp_response: string }
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.queue_id).toMatch(/^[A-Z2-9]{12}$/)
    expect(body.smtp_response).toBe(`250 2.6.0 Ok: queued as ${body.queue_id}`)
    expect(body.accepted.sort()).toEqual(['bob@example.org', 'hidden@example.net'])

    const outbox = join(dir, 'outbox')
    expect(await readdir(outbox)).toContain(`${body.queue_id}.eml`)
    const mail = await simpleParser(await readFile(join(outbox, `${body.queue_id}.eml`)))
    expect(mail.subject).toBe('Smoke test ✓')
    expect(mail.from?.value).toEqual([{ address: 'ada@example.com', name: 'Ada' }])
    expect(mail.text?.trim()).toBe('Hello from the smoke test.')
    expect(mail.messageId).toBe(body.message_id)
    expect(mail.headers.has('bcc')).toBe(false)
    const envelope = JSON.parse(await readFile(join(outbox, `${body.queue_id}.json`), 'utf8'))
    expect(envelope.to).toContain('hidden@example.net')

    await entry.waitForEvent(/^message captured$/)
  })

  it('logs the request as one JSON line without the message content', async () => {
    const entry = started()
    const lines = entry.stdout().split('\n').filter((l) => l.includes('"path":"/send"'))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'POST', status: 200 })
    expect(entry.stdout()).not.toContain('Hello from the smoke test')
  })

  it('exits 0 on SIGTERM after stopping', async () => {
    const entry = started()
    entry.child.kill('SIGTERM')
    expect(await entry.exited).toBe(0)
    expect(entry.stdout()).toMatch(/"msg":"stopped"/)
  })
})
