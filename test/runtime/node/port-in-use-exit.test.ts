import { createServer, type Server } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { startEntry } from './entry-process.js'

/** A plain TCP server on an ephemeral 127.0.0.1 port, holding it. */
async function holdPort(): Promise<Server> {
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  return blocker
}

describe('the entry when PORT is taken', () => {
  const dir = useTempDir('mailbridge-busy-')
  const blocker = useStarted(holdPort, (s) => new Promise<void>((resolve) => s.close(() => resolve())))

  it('says why on stderr and exits 1', async () => {
    const port = (blocker().address() as { port: number }).port
    const entry = startEntry({ PORT: String(port), OUTBOX_DIR: dir() })
    expect(await entry.exited).toBe(1)
    expect(entry.stderr()).toMatch(/^mailbridge: cannot start: .*EADDRINUSE/)
    expect(entry.stdout()).not.toMatch(/listening on/)
  })
})
