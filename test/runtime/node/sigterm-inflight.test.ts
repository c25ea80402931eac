import { describe, expect, it, vi } from 'vitest'
import { freePort } from '../../helpers/ports.js'
import { useEntry } from './entry-process.js'
import { heldRelayEnv, useHeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

describe('SIGTERM while a send is in flight (real entry process)', () => {
  const held = useHeldRelay()
  const started = useEntry(async () => ({ ...heldRelayEnv(held()), PORT: String(await freePort()) }))

  it('answers the request in flight, QUITs the relay, then exits 0', async () => {
    const relay = held()
    const entry = started()
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
