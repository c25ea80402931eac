import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useServer } from '../../helpers/server.js'
import { heldRelayEnv, useHeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

describe('graceful shutdown with a send that never finishes', () => {
  const held = useHeldRelay()
  const app = useServer(() => loadConfig(heldRelayEnv(held())), { shutdownTimeoutMs: 200, mailerCloseTimeoutMs: 200 })

  it('cuts the request at the deadline and still stops', async () => {
    const relay = held()
    const server = app.server()
    const pending = postMail(server.url).then(
      (r) => r.status,
      () => 'connection cut',
    )
    await relay.received()
    expect(await server.close()).toEqual({ forced: true })
    expect(await pending).toBe('connection cut')
    expect(app.log.some((l) => 'level' in l && l.level === 'warn' && /were cut/.test(l.msg))).toBe(true)
  })
})
