import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCaptureRelay, type CaptureRelay } from '../../src/dev/capture-relay.js'

describe('capture relay when the outbox cannot be written', () => {
  let dir: string
  let relay: CaptureRelay
  const errors: unknown[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbridge-outbox-'))
    relay = await startCaptureRelay({ outboxDir: join(dir, 'outbox'), onError: (e) => errors.push(e) })
  })
  afterAll(async () => {
    await relay.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers 451 (try again later) instead of claiming the message was queued, and keeps serving', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true })
    const mail = { from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }
    await rm(relay.outboxDir, { recursive: true })
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 })
    expect(errors).toEqual([expect.objectContaining({ code: 'ENOENT' })])

    await mkdir(relay.outboxDir)
    const info = await transport.sendMail(mail)
    expect(info.response).toMatch(/^250 2\.6\.0 Ok: queued as /)
    transport.close()
  })
})
