import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { SendAbort } from '../../src/smtp/send-abort.js'
import { startFakeSmtp } from '../helpers/fake-smtp.js'
import { message, waitUntil } from './pool-fake.js'

/**
 * A send that comes while the pool's warm-up connection is being opened
 * waits for it rather than open a second one; its abort (a deadline, the
 * client gone) still ends the wait at once, and the warm-up goes on.
 */
describe('pool: a send aborted while the warm-up connection opens', () => {
  it('fails with EABORTED at once, leaving the warm-up to finish', async () => {
    // Greets, then never answers EHLO: the warm-up stays under way.
    const server = await startFakeSmtp((s) => s.send('220 hi\r\n'))
    const pool = createSmtpPool({ host: '127.0.0.1', port: server.port, tls: 'none', timeouts: { connect: 30_000, command: 30_000 } })
    try {
      const warming = pool.warm().catch((e: unknown) => e)
      await waitUntil(() => server.sessions.length === 1)
      const abort = new SendAbort()
      const sending = pool.send(message(1), { signal: abort })
      abort.abort(new Error('deadline'))
      await expect(sending).rejects.toMatchObject({ code: 'EABORTED' })
      expect(pool.stats()).toMatchObject({ opening: 1, queued: 0 })
      // The relay going away ends the warm-up, which the abort left running.
      await server.stop()
      expect(await warming).toMatchObject({ code: expect.any(String) })
    } finally {
      await server.stop()
      await pool.close()
    }
  })
})
