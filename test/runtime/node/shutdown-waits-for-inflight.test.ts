import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useServer } from '../../helpers/server.js'
import { heldRelayEnv, useHeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

const message = { from: 'a@example.com', to: 'b@example.org', subject: 'in flight', text: 'x' }

/** Whether a fresh TCP connection to the port is accepted. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })

describe('graceful shutdown', () => {
  const held = useHeldRelay()
  const app = useServer(() => loadConfig(heldRelayEnv(held())))

  it('stops accepting, lets the send in flight finish, then QUITs the relay connection', async () => {
    const relay = held()
    const server = app.server()
    const pending = postMail(server.url, { body: message })
    await relay.received()

    const closed = server.close()
    expect(await accepts(server.port)).toBe(false)
    expect(relay.closedSessions()).toBe(0)

    relay.release()
    const res = await pending
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ queue_id: 'HELD1', accepted: ['b@example.org'] })

    expect(await closed).toEqual({ forced: false })
    // The pooled connection was QUIT by close() (the relay notices once the socket ends).
    await vi.waitFor(() => expect(relay.closedSessions()).toBe(1))
    const messages = app.log.map((l) => ('msg' in l ? l.msg : `request ${l.status}`))
    expect(messages.indexOf('request 200')).toBeLessThan(messages.indexOf('stopped'))
  })
})
