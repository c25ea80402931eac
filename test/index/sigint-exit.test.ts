import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/ports.js'
import { startEntry, type EntryProcess } from './entry-process.js'

describe('SIGINT (Ctrl-C) to the real entry process', () => {
  let dir: string
  let entry: EntryProcess

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbridge-sigint-'))
    entry = startEntry({ PORT: String(await freePort()), OUTBOX_DIR: join(dir, 'outbox') })
    await entry.waitForEvent(/^listening on /)
  })
  afterAll(async () => {
    if (entry.child.exitCode === null) entry.child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })

  it('shuts down gracefully like SIGTERM and exits 0', async () => {
    entry.child.kill('SIGINT')
    expect(await entry.exited).toBe(0)
    expect(entry.stdout()).toMatch(/"msg":"SIGINT received"/)
    expect(entry.stdout()).toMatch(/"msg":"stopped"/)
  })
})
