import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startScriptNodeFlags } from '../../../scripts/start-flags.js'
import { useStarted, useTempDir } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { startRuntime } from '../support/child.js'

const KEY = 'serve-once-test-key-0123456789'

/** The files `file` (in `dir`) imports statically, and theirs, and so on. */
function staticImports(dir: string, file: string, seen = new Set<string>()): Set<string> {
  for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) {
    if (seen.has(m[1]!)) continue
    seen.add(m[1]!)
    staticImports(dir, m[1]!, seen)
  }
  return seen
}

/**
 * `mailbridge serve` (dist/cli.js) runs the service from dist/service.cjs as
 * the ES module entry dist/index.js does, and loads no ES module that
 * dist/index.js does not: the command modules bring much of the service along as ES module
 * chunks, which would compile it a second time and hold a second copy of
 * every module's state (log buffers, metrics, the socket registry).
 */
describe('dist/cli.js serve and the ES module chunks', () => {
  const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
  const tmp = useTempDir('mailbridge-serve-once-')

  it("starts and sends from dist/service.cjs with every ES module dist/index.js does not load made unloadable", async () => {
    const dir = join(tmp(), 'dist')
    cpSync(bundle().dir, dir, { recursive: true })
    const ofIndex = staticImports(dir, 'index.js')
    const others = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'cli.js' && f !== 'index.js' && !ofIndex.has(f))
    expect(others.some((f) => f.startsWith('service-'))).toBe(true)
    for (const f of others) writeFileSync(join(dir, f), `throw new Error('${f} was loaded')\n`)

    const proc = startRuntime(process.execPath, [...startScriptNodeFlags(), join(dir, 'cli.js'), 'serve'], { PORT: '0', HOST: '127.0.0.1', OUTBOX_DIR: join(tmp(), 'outbox'), API_KEYS: KEY })
    try {
      const listening = await proc.waitForEvent((e) => String(e.msg).startsWith('listening on'), 'listening')
      expect(listening.code_cache).toBe('used')
      const res = await fetch(`${String(listening.url)}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ from: 'app@example.com', to: 'ada@example.org', subject: 'served', text: 'hello' }),
      })
      expect(res.status, await res.clone().text()).toBe(200)
    } finally {
      await proc.stop()
    }
  })
})
