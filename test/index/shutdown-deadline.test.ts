import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { startServer, type LogLine, type RunningServer } from '../../src/server.js'
import { heldRelayEnv, startHeldRelay, type HeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

describe('graceful shutdown with a send that never finishes', () => {
  let relay: HeldRelay
  let server: RunningServer
  const log: LogLine[] = []

  beforeAll(async () => {
    relay = await startHeldRelay()
    const config = loadConfig(heldRelayEnv(relay))
    server = await startServer(config, { log: (l) => log.push(l), shutdownTimeoutMs: 200, mailerCloseTimeoutMs: 200 })
  })
  afterAll(async () => {
    relay.release()
    await relay.close()
  })

  it('cuts the request at the deadline and still stops', async () => {
    const pending = postMail(server.url).then(
      (r) => r.status,
      () => 'connection cut',
    )
    await relay.received()
    expect(await server.close()).toEqual({ forced: true })
    expect(await pending).toBe('connection cut')
    expect(log.some((l) => 'level' in l && l.level === 'warn' && /were cut/.test(l.msg))).toBe(true)
  })
})
