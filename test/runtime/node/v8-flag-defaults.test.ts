import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { startScriptNodeFlags } from '../../../scripts/start-flags.js'
import { useTempDir } from '../../helpers/fixture.js'
import { ROOT } from '../support/child.js'

/**
 * `npm start` gives node `--max-semi-space-size=8`; the Node entries set the
 * flag back to V8's default once the heap exists (v8-flag-defaults.ts). Code
 * caches made under V8's defaults (Node's own, for its built-in modules, and
 * mailbridge's) are then accepted, and the young generation keeps the size
 * the flag gave it.
 */
describe("npm start's V8 flag, set back to its default once the heap exists", () => {
  const dir = useTempDir('mailbridge-v8-flags-')
  let reset = ''

  beforeAll(async () => {
    reset = join(dir(), 'v8-flag-defaults.cjs')
    await build({ entryPoints: ['src/runtime/node/v8-flag-defaults.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: reset, absWorkingDir: ROOT, logLevel: 'warning' })
  })

  /** Runs `script` (CommonJS) in a fresh node with `flags`; its stdout as JSON. */
  function run(flags: string[], script: string): Record<string, unknown> {
    const file = join(dir(), `script-${Math.random().toString(36).slice(2)}.cjs`)
    writeFileSync(file, script)
    const child = spawnSync(process.execPath, [...flags, file], { encoding: 'utf8' })
    expect(child.status, child.stderr).toBe(0)
    return JSON.parse(child.stdout) as Record<string, unknown>
  }

  it('lets V8 accept a code cache made under its defaults, which it refuses while the flag is set', () => {
    expect(startScriptNodeFlags()).toContain('--max-semi-space-size=8')
    const source = JSON.stringify('(function answer() { return 6 * 7 })')
    const cacheFile = JSON.stringify(join(dir(), 'made-without-flags.cache'))
    run([], `const { Script } = require('node:vm'); const s = new Script(${source}); s.runInThisContext()(); require('node:fs').writeFileSync(${cacheFile}, s.createCachedData()); console.log('{}')`)
    const consume = `const { Script } = require('node:vm'); const s = new Script(${source}, { cachedData: require('node:fs').readFileSync(${cacheFile}) }); console.log(JSON.stringify({ rejected: s.cachedDataRejected }))`
    expect(run(startScriptNodeFlags(), consume)).toEqual({ rejected: true })
    expect(run([...startScriptNodeFlags(), '-r', reset], consume)).toEqual({ rejected: false })
  })

  it('keeps the young generation at the size the flag gave it', () => {
    const churn = `
      const v8 = require('node:v8')
      let largest = 0
      let live = []
      for (let i = 0; i < 2_000_000; i++) {
        live.push({ i, s: 'x' + i })
        if (live.length > 20_000) live = []
        if (i % 10_000 === 0) largest = Math.max(largest, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)
      }
      console.log(JSON.stringify({ mib: largest / 2 ** 20 }))`
    const capped = run([...startScriptNodeFlags(), '-r', reset], churn).mib as number
    const uncapped = run([], churn).mib as number
    expect(capped).toBeLessThanOrEqual(16)
    expect(uncapped).toBeGreaterThan(capped)
  })
})
