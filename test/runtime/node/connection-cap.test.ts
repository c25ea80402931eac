import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useTempDir } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { HEALTHZ, HEALTHZ_ANSWERED, openRaw, type RawConnection } from './raw-http.js'

describe('HTTP_MAX_CONNECTIONS', () => {
  const outbox = useTempDir('mailbridge-maxconn-')
  const app = useServer(() => loadConfig({ PORT: '0', OUTBOX_DIR: outbox(), HTTP_MAX_CONNECTIONS: '2', HTTP_KEEP_ALIVE_TIMEOUT_MS: '60000' }))

  /** A connection the server has accepted and answered, kept open. */
  async function answered(): Promise<RawConnection> {
    const c = await openRaw(app.server().url)
    c.write(HEALTHZ)
    await c.until(HEALTHZ_ANSWERED)
    return c
  }

  it('closes connections over the cap unanswered, and accepts again once one closes', async () => {
    const first = await answered()
    const second = await answered()

    const third = await openRaw(app.server().url)
    third.write(HEALTHZ)
    expect(await third.closed).toBe('')
    expect(app.log.some((l) => 'level' in l && l.level === 'warn' && /HTTP_MAX_CONNECTIONS/.test(l.msg))).toBe(true)

    first.socket.destroy()
    await first.closed
    // The server learns of the close asynchronously: retry until it has.
    let again: RawConnection | undefined
    while (again === undefined) {
      const c = await openRaw(app.server().url)
      c.write(HEALTHZ)
      again = await c.until(HEALTHZ_ANSWERED).then(
        () => c,
        () => undefined,
      )
    }
    expect(again.received()).toMatch(/^HTTP\/1\.1 200 /)
    again.socket.destroy()
    second.socket.destroy()
  })
})
