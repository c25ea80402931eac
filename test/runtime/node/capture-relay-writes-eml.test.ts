import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { startCaptureRelay, type CapturedMessage } from '../../../src/runtime/node/capture-relay.js'
import { useStarted, useTempDir } from '../../helpers/fixture.js'

describe('capture relay writes each message to OUTBOX_DIR/<queue-id>.eml', () => {
  const seen: CapturedMessage[] = []
  const tmp = useTempDir('mailbridge-outbox-')
  // A directory that does not exist yet: the relay creates it.
  const started = useStarted(() => startCaptureRelay({ outboxDir: join(tmp(), 'nested', 'outbox'), onMessage: (m) => seen.push(m) }))

  it('accepts a message from nodemailer, names the queue id in the reply, and stores it', async () => {
    const relay = started()
    const dir = tmp()
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true })
    const info = await transport.sendMail({
      from: 'ada@example.com',
      to: 'bob@example.org',
      bcc: 'hidden@example.net',
      subject: 'Captured',
      text: 'line one\n.starts with a dot\n',
    })
    transport.close()

    const m = /^250 2\.6\.0 Ok: queued as ([A-Z2-9]{12})$/.exec(info.response)
    expect(m, info.response).not.toBeNull()
    const queueId = m![1]!
    expect(relay.outboxDir).toBe(join(dir, 'nested', 'outbox'))
    expect((await readdir(relay.outboxDir)).sort()).toEqual([`${queueId}.eml`, `${queueId}.json`])

    const eml = await readFile(join(relay.outboxDir, `${queueId}.eml`), 'utf8')
    expect(eml).toMatch(/^Subject: Captured\r$/m)
    expect(eml).toContain('\r\n.starts with a dot\r\n') // dot-stuffing undone
    expect(eml).not.toMatch(/hidden@example\.net/)

    const envelope = JSON.parse(await readFile(join(relay.outboxDir, `${queueId}.json`), 'utf8'))
    expect(envelope).toEqual({ queue_id: queueId, from: 'ada@example.com', to: ['bob@example.org', 'hidden@example.net'] })

    expect(seen).toEqual([
      { queueId, path: join(relay.outboxDir, `${queueId}.eml`), envelope: { from: 'ada@example.com', to: ['bob@example.org', 'hidden@example.net'] }, size: Buffer.byteLength(eml) },
    ])
  })

  it('gives every message its own queue id', async () => {
    const relay = started()
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true, pool: true })
    const infos = await Promise.all(
      [1, 2, 3].map((n) => transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: `n${n}`, text: 'x' })),
    )
    transport.close()
    const ids = infos.map((i) => /queued as (\S+)$/.exec(i.response)![1])
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(await readFile(join(relay.outboxDir, `${id}.eml`), 'utf8')).toContain('Subject: n')
  })
})
