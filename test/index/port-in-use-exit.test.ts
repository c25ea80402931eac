import { createServer, type Server } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEntry } from './entry-process.js'

describe('the entry when PORT is taken', () => {
  let blocker: Server
  let port: number
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbridge-busy-'))
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    port = (blocker.address() as { port: number }).port
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  })

  it('says why on stderr and exits 1', async () => {
    const entry = startEntry({ PORT: String(port), OUTBOX_DIR: dir })
    expect(await entry.exited).toBe(1)
    expect(entry.stderr()).toMatch(/^mailbridge: cannot start: .*EADDRINUSE/)
    expect(entry.stdout()).not.toMatch(/listening on/)
  })
})
