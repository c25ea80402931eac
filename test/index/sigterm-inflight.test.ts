import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freePort } from '../helpers/ports.js'
import { startEntry, type EntryProcess } from './entry-process.js'
import { startHeldRelay, type HeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

describe('SIGTERM while a send is in flight (real entry process)', () => {
  let relay: HeldRelay
  let entry: EntryProcess

  beforeAll(async () => {
    relay = await startHeldRelay()
    entry = startEntry({
      PORT: String(await freePort()),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
      SMTP_TLS: 'none',
    })
  })
  afterAll(async () => {
    relay.release()
    if (entry.child.exitCode === null) entry.child.kill('SIGKILL')
    await relay.close()
  })

  it('answers the request in flight, QUITs the relay, then exits 0', async () => {
    const { url } = await entry.waitForEvent(/^listening on /)
    const pending = postMail(String(url))
    await relay.received()
    entry.child.kill('SIGTERM')
    await entry.waitForEvent(/^shutting down/)
    relay.release()

    const res = await pending
    expect(res.status).toBe(200)
    expect(((await res.json()) as { queue_id: string }).queue_id).toBe('HELD1')
    expect(await entry.exited).toBe(0)
    await vi.waitFor(() => expect(relay.closedSessions()).toBe(1))
  })
})
