import { readFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCaptureRelay } from '../../../src/runtime/node/capture-relay.js'
import { useStarted, useTempDir } from '../../helpers/fixture.js'

/** A line-oriented SMTP conversation over a raw socket. */
function session(port: number) {
  const socket: Socket = connect(port, '127.0.0.1')
  let buffer = ''
  const waiters: (() => void)[] = []
  socket.setEncoding('latin1')
  socket.on('data', (d: string) => {
    buffer += d
    waiters.splice(0).forEach((w) => w())
  })
  /** Resolves with the next complete reply (all its lines). */
  async function reply(): Promise<string> {
    for (;;) {
      const m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer)
      if (m) {
        buffer = buffer.slice(m[0].length)
        return m[0].trimEnd()
      }
      await new Promise<void>((r) => waiters.push(r))
    }
  }
  const send = async (line: string) => {
    socket.write(line)
    return reply()
  }
  return { reply, send, end: () => socket.end() }
}

describe('capture relay SMTP session', () => {
  const tmp = useTempDir('mailbridge-outbox-')
  const started = useStarted(() => startCaptureRelay({ outboxDir: tmp() }))

  it('speaks ESMTP with enhanced codes, without AUTH or STARTTLS, and replies with the queue id', async () => {
    const relay = started()
    const dir = tmp()
    const s = session(relay.port)
    expect(await s.reply()).toMatch(/^220 .*mailbridge capture relay/)
    const ehlo = await s.send('EHLO client.test\r\n')
    expect(ehlo).toMatch(/^250-/)
    expect(ehlo).toContain('ENHANCEDSTATUSCODES')
    expect(ehlo).toContain('PIPELINING')
    expect(ehlo).not.toMatch(/STARTTLS|AUTH/)
    expect(await s.send('MAIL FROM:<a@example.com>\r\n')).toMatch(/^250 2\.1\.0 /)
    expect(await s.send('RCPT TO:<b@example.com>\r\n')).toMatch(/^250 2\.1\.5 /)
    expect(await s.send('DATA\r\n')).toMatch(/^354 /)
    const final = await s.send('Subject: raw\r\n\r\n..dot line\r\nlast\r\n.\r\n')
    const m = /^250 2\.6\.0 Ok: queued as ([A-Z2-9]{12})$/.exec(final)
    expect(m, final).not.toBeNull()
    expect(await s.send('QUIT\r\n')).toMatch(/^221 /)
    s.end()
    expect(await readFile(join(dir, `${m![1]}.eml`), 'utf8')).toBe('Subject: raw\r\n\r\n.dot line\r\nlast\r\n')
  })
})
