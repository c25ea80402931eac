import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useServer } from '../../helpers/server.js'
import { heldRelayEnv, useHeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'
import { openRaw } from './raw-http.js'

/**
 * HTTP_REQUEST_TIMEOUT_MS and HTTP_HEADERS_TIMEOUT_MS on a real server, with
 * deadlines of a few hundred milliseconds. Each client keeps sending a byte
 * every 50 ms, so no idle timeout can be what closes it; Node's own defaults
 * (300 s and 60 s) would outlast the test.
 */
describe('a client that sends its request too slowly', () => {
  const held = useHeldRelay()
  const app = useServer(() => loadConfig({ ...heldRelayEnv(held()), HTTP_REQUEST_TIMEOUT_MS: '400', HTTP_HEADERS_TIMEOUT_MS: '200' }))

  /** Writes `text` now and `drip` every 50 ms until the server closes the connection; resolves with what it answered. */
  async function trickle(text: string, drip: string): Promise<string> {
    const c = await openRaw(app.server().url)
    c.write(text)
    const timer = setInterval(() => c.write(drip), 50)
    try {
      return await c.closed
    } finally {
      clearInterval(timer)
    }
  }

  it('is cut when its body trickles in: 408, then the connection is closed', async () => {
    const head = 'POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{'
    expect(await trickle(head, ' ')).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('is cut when its headers trickle in', async () => {
    expect(await trickle('POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n')).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('is closed when it connects and sends nothing', async () => {
    const c = await openRaw(app.server().url)
    // Node answers 408 to a connection that never started its request, too.
    expect(await c.closed).toMatch(/^(?:$|HTTP\/1\.1 408 )/)
  })

  it('does not cut a request whose body has arrived while it runs longer than the deadline', async () => {
    const sending = postMail(app.server().url)
    await held().received()
    // A slow client opened after the send started is cut: the deadline check
    // has run past the send's own deadline, and left the send alone.
    const head = 'POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{'
    expect(await trickle(head, ' ')).toMatch(/^HTTP\/1\.1 408 /)
    held().release()
    expect((await sending).status).toBe(200)
  })
})
