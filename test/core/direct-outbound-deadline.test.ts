import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { directOutbound } from '../../src/core/direct-outbound.js'
import { createMetrics } from '../../src/metrics/mailbridge.js'
import { createNodeSocket } from '../../src/runtime/node/socket.js'
import type { MxResolver } from '../../src/smtp/mx/resolver.js'
import { startFakeSmtp, type FakeServer } from '../helpers/fake-smtp.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

/** Every domain's one MX host is 127.0.0.1. */
const resolver: MxResolver = {
  resolveMx: async () => [{ exchange: 'mx.slow.test', priority: 10 }],
  resolve4: async () => ['127.0.0.1'],
  resolve6: async () => [],
}

const message = { envelope: { from: 'ada@example.com', to: ['bob@slow.test'] }, raw: 'Subject: s\r\n\r\nbody\r\n' }

describe('direct delivery: SEND_TIMEOUT_MS', () => {
  it('cuts a send whose MX host never answers EHLO, and defers the domain (nothing queued)', async () => {
    // Greets, then never answers: only the send deadline (far shorter than the command timeout) can end it.
    server = await startFakeSmtp((s) => s.send('220 mx.slow.test ESMTP\r\n'))
    const config = loadConfig({
      DELIVERY_MODE: 'mx',
      MX_PORT: String(server.port),
      MX_ALLOW_PRIVATE: 'true',
      SEND_TIMEOUT_MS: '300',
      SMTP_COMMAND_TIMEOUT_MS: '60000',
      DEFAULT_FROM: 'ada@example.com',
    })
    const metrics = createMetrics()
    const { mailer } = directOutbound(config, { connect: createNodeSocket, log: () => {}, metrics, resolver })
    try {
      const err = await mailer.send(message).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'EDEFERRED', deliveries: [{ domain: 'slow.test', status: 'deferred', mx: 'mx.slow.test' }] })
      expect(metrics.sends.get({ outcome: 'relay_busy' })).toBe(1)
      await server.sessions[0]!.closed
    } finally {
      await mailer.close()
    }
  })

  it('stops at the caller’s own abort as well', async () => {
    server = await startFakeSmtp((s) => s.send('220 mx.slow.test ESMTP\r\n'))
    const config = loadConfig({ DELIVERY_MODE: 'mx', MX_PORT: String(server.port), MX_ALLOW_PRIVATE: 'true', DEFAULT_FROM: 'ada@example.com' })
    const { mailer } = directOutbound(config, { connect: createNodeSocket, log: () => {}, metrics: createMetrics(), resolver })
    try {
      const outer = new AbortController()
      const sending = mailer.send(message, { signal: outer.signal }).catch((e: unknown) => e)
      while (server.sessions.length === 0) await new Promise((r) => setTimeout(r, 5))
      outer.abort(new Error('client went away'))
      expect(await sending).toMatchObject({ code: 'EDEFERRED', deliveries: [{ domain: 'slow.test', status: 'deferred' }] })
      await server.sessions[0]!.closed
    } finally {
      await mailer.close()
    }
  })
})
