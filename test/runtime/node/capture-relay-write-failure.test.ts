import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { startCaptureRelay } from '../../../src/runtime/node/capture-relay.js'
import { useStarted, useTempDir } from '../../helpers/fixture.js'

describe('capture relay when the outbox cannot be written', () => {
  const errors: unknown[] = []
  const tmp = useTempDir('mailbridge-outbox-')
  const started = useStarted(() => startCaptureRelay({ outboxDir: join(tmp(), 'outbox'), onError: (e) => errors.push(e) }))

  it('answers 451 (try again later) instead of claiming the message was queued, and keeps serving', async () => {
    const relay = started()
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
