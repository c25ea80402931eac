import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../helpers/ports.js'
import { startEntry, type EntryProcess } from './entry-process.js'
import { startHeldRelay, type HeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

/**
 * `npm start` forwards the signal it gets to mailbridge, so a terminal's
 * SIGTERM/SIGINT to the process group arrives twice at once. That copy must not
 * count as the "second signal" that abandons the graceful shutdown. A send held
 * at the relay keeps the shutdown going while the second signal arrives.
 */
describe('a second signal during a graceful shutdown (real entry process)', () => {
  let relay: HeldRelay | undefined
  let entry: EntryProcess | undefined
  afterEach(async () => {
    relay?.release()
    if (entry?.child.exitCode === null) entry.child.kill('SIGKILL')
    await relay?.close()
  })

  /** The entry, shutting down on SIGTERM while one send waits for the relay's final reply. */
  const shuttingDown = async () => {
    relay = await startHeldRelay()
    entry = startEntry({ PORT: String(await freePort()), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(relay.port), SMTP_TLS: 'none' })
    const { url } = await entry.waitForEvent(/^listening on /)
    const pending = postMail(String(url))
    await relay.received()
    entry.child.kill('SIGTERM')
    await entry.waitForEvent(/^shutting down/)
    return { entry, pending }
  }

  it('ignores a copy of the same signal: the send in flight is answered and the exit is 0', async () => {
    const { entry, pending } = await shuttingDown()
    entry.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 100)) // let the copy be handled before the send finishes
    expect(entry.child.exitCode).toBeNull()
    relay!.release()
    expect((await pending).status).toBe(200)
    expect(await entry.exited).toBe(0)
    expect(entry.stdout()).toMatch(/"msg":"stopped"/)
  })

  it('takes a different second signal as "now": exit 1 without waiting for the send', async () => {
    const { entry, pending } = await shuttingDown()
    // The send is cut off with the process: handle that before it happens.
    const cut = pending.then(() => 'answered', () => 'cut off')
    entry.child.kill('SIGINT')
    expect(await entry.exited).toBe(1)
    expect(await cut).toBe('cut off')
  })
})
