import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { useEntry } from './entry-process.js'

describe('SIGINT (Ctrl-C) to the real entry process', () => {
  const tmp = useTempDir('mailbridge-sigint-')
  const started = useEntry(async () => ({ PORT: String(await freePort()), OUTBOX_DIR: join(tmp(), 'outbox') }))
  beforeAll(() => started().waitForEvent(/^listening on /))

  it('shuts down gracefully like SIGTERM and exits 0', async () => {
    const entry = started()
    entry.child.kill('SIGINT')
    expect(await entry.exited).toBe(0)
    expect(entry.stdout()).toMatch(/"msg":"SIGINT received"/)
    expect(entry.stdout()).toMatch(/"msg":"stopped"/)
  })
})
