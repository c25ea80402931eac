import { cpSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startScriptNodeFlags } from '../../../scripts/start-flags.js'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { startRuntime } from '../support/child.js'

const KEY = 'code-cache-test-key-0123456789'

/**
 * On Node, `npm start` (dist/start.cjs) and dist/index.js load the service
 * from its CommonJS bundle with the V8 code cache the build wrote; the
 * `listening` line says what became of the cache. A cache V8 refuses, or
 * none at all, only means compiling as usual: the service starts and sends
 * either way.
 */
describe('dist/start.cjs, dist/index.js and the code cache of dist/service.cjs', () => {
  const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
  const tmp = useTempDir('mailbridge-code-cache-')

  /** Starts `dir/<entry>` with `flags`, sends one message, and returns the `code_cache` of the listening line. */
  async function startAndSend(dir: string, flags: string[], entry = 'index.js'): Promise<unknown> {
    const proc = startRuntime(process.execPath, [...flags, join(dir, entry)], { PORT: '0', HOST: '127.0.0.1', OUTBOX_DIR: join(tmp(), 'outbox'), API_KEYS: KEY })
    try {
      const listening = await proc.waitForEvent((e) => String(e.msg).startsWith('listening on'), 'listening')
      const res = await fetch(`${String(listening.url)}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ from: 'app@example.com', to: 'ada@example.org', subject: 'cached', text: 'hello' }),
      })
      expect(res.status, await res.clone().text()).toBe(200)
      return listening.code_cache
    } finally {
      await proc.stop()
    }
  }

  /** A copy of the bundle to damage. */
  function copy(name: string): string {
    const dir = join(tmp(), name)
    cpSync(bundle().dir, dir, { recursive: true })
    return dir
  }

  it("uses the cache the build wrote, under npm start's Node flags or none, from either entry", async () => {
    expect(startScriptNodeFlags().length).toBeGreaterThan(0)
    expect(await startAndSend(bundle().dir, startScriptNodeFlags(), 'start.cjs')).toBe('used')
    expect(await startAndSend(bundle().dir, startScriptNodeFlags())).toBe('used')
    // npm start's flag is set back to its default before the cache is made or read (v8-flag-defaults.ts).
    expect(await startAndSend(bundle().dir, [], 'start.cjs')).toBe('used')
  })

  it('compiles as usual when V8 refuses the cache: other V8 flags, or a damaged file', async () => {
    expect(await startAndSend(bundle().dir, ['--max-old-space-size=300'])).toBe('rejected')
    expect(await startAndSend(bundle().dir, ['--max-old-space-size=300'], 'start.cjs')).toBe('rejected')
    const damaged = copy('damaged')
    writeFileSync(join(damaged, 'service.cjs.cache'), Buffer.alloc(4096, 0x5a))
    expect(await startAndSend(damaged, startScriptNodeFlags())).toBe('rejected')
  })

  it('loads the bundle without a cache file', async () => {
    const bare = copy('no-cache')
    rmSync(join(bare, 'service.cjs.cache'))
    expect(await startAndSend(bare, startScriptNodeFlags())).toBe('none')
    expect(await startAndSend(bare, startScriptNodeFlags(), 'start.cjs')).toBe('none')
  })

  it('falls back to the ES module service when there is no CommonJS bundle (as from the sources)', async () => {
    const esm = copy('esm-only')
    rmSync(join(esm, 'service.cjs'))
    expect(await startAndSend(esm, startScriptNodeFlags())).toBeUndefined()
  })
})
