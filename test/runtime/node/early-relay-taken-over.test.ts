import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { connectRelayEarly } from '../../../src/runtime/node/early-relay.js'
import { startServer, type LogLine } from '../../../src/runtime/node/server.js'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { CA_FILE } from '../support/tls.js'
import { useStarted } from '../../helpers/fixture.js'
import { postMail } from './post-mail.js'

/**
 * The connection `npm start` opens before loading mailbridge becomes the
 * pool's first connection: the relay sees one session, which carries the
 * startup check (STARTTLS, AUTH) and then the first message.
 */
describe('the early relay connection', () => {
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())

  it('is taken over by the pool: one session for the startup check and the first send', async () => {
    const env = { ...relayVariables(relay()), SMTP_TLS_CA_FILE: CA_FILE, PORT: '0', HOST: '127.0.0.1' }
    const early = connectRelayEarly(env)
    expect(early).toBeDefined()
    await expect.poll(() => relay().sessions, { timeout: 10_000 }).toBe(1)
    const log: LogLine[] = []
    const server = await startServer(loadNodeConfig(env), { log: (line) => log.push(line), earlyRelay: early })
    try {
      await expect.poll(() => log.some((l) => 'msg' in l && String(l.msg).startsWith('relay ok')), { timeout: 10_000 }).toBe(true)
      const res = await postMail(server.url)
      expect(res.status).toBe(200)
      expect(relay().received).toHaveLength(1)
      expect(relay().sessions).toBe(1)
    } finally {
      await server.close()
    }
  })

  it('is handed over once, and only for the host and port it went to', async () => {
    const early = connectRelayEarly(relayVariables(relay()))!
    expect(early.take('127.0.0.2', relay().port)).toBeUndefined()
    expect(early.take('127.0.0.1', relay().port + 1)).toBeUndefined()
    const socket = early.take('127.0.0.1', relay().port)
    expect(socket).toBeDefined()
    expect(early.take('127.0.0.1', relay().port)).toBeUndefined()
    socket!.destroy()
  })

  it('is not handed over once it failed: the pool connects anew', async () => {
    const stopped = await startCountingRelay()
    const port = stopped.port
    await stopped.stop()
    const early = connectRelayEarly({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) })!
    // A second connection refused after it: by then the early one was refused too.
    await new Promise((resolve) => connect({ host: '127.0.0.1', port }).once('error', resolve))
    expect(early.take('127.0.0.1', port)).toBeUndefined()
  })
})
