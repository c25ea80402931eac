import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useTempDir } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { MAIL } from './post-mail.js'
import { openRaw } from './raw-http.js'

const head = (length: number) =>
  `POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`

describe('Expect: 100-continue', () => {
  const outbox = useTempDir('mailbridge-continue-')
  const app = useServer(() => loadConfig({ PORT: '0', OUTBOX_DIR: outbox(), MAX_BODY_BYTES: '2000' }))

  it('answers 413 without inviting a body over MAX_BODY_BYTES, then closes', async () => {
    const c = await openRaw(app.server().url)
    c.write(head(2001))
    const answer = await c.until(/\r\n\r\n[\s\S]*\}$/)
    expect(answer.split('\r\n', 1)[0]).toBe('HTTP/1.1 413 Payload Too Large')
    expect(answer).toContain('"code":"payload_too_large"')
    expect(answer).not.toContain('100 Continue')
    await c.closed
  })

  it('still invites a body that fits, and sends it', async () => {
    const body = JSON.stringify(MAIL)
    const c = await openRaw(app.server().url)
    c.write(head(body.length))
    expect(await c.until(/\r\n\r\n/)).toBe('HTTP/1.1 100 Continue\r\n\r\n')
    c.write(body)
    const answer = await c.until(/"smtp_response":"[^"]*"\}$/)
    expect(answer.split('\r\n\r\n')[1]!.split('\r\n', 1)[0]).toBe('HTTP/1.1 200 OK')
    c.socket.destroy()
  })
})
