import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useTempDir } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { HEALTHZ, HEALTHZ_ANSWERED, openRaw } from './raw-http.js'

describe('HTTP_KEEP_ALIVE_TIMEOUT_MS', () => {
  const outbox = useTempDir('mailbridge-keepalive-')
  const app = useServer(() => loadConfig({ PORT: '0', OUTBOX_DIR: outbox(), HTTP_KEEP_ALIVE_TIMEOUT_MS: '50' }))

  it('closes a connection left idle after its response', async () => {
    const c = await openRaw(app.server().url)
    c.write(HEALTHZ)
    // The answer announces the configured timeout in whole seconds (Node's default says 5)…
    expect(await c.until(HEALTHZ_ANSWERED)).toMatch(/\r\nKeep-Alive: timeout=0\r\n/i)
    // …and the server closes the connection (Node adds a second of grace to it).
    await c.closed
  })

  it('lets a connection that keeps working stay open between requests', async () => {
    const c = await openRaw(app.server().url)
    c.write(HEALTHZ)
    await c.until(HEALTHZ_ANSWERED)
    c.write(HEALTHZ)
    expect(await c.until(/\{"status":"ok"\}[\s\S]*\{"status":"ok"\}$/)).toMatch(/^HTTP\/1\.1 200 /)
    c.socket.destroy()
  })
})
