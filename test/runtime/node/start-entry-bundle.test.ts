import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { targets } from '../../../scripts/build-targets.js'
import { ROOT } from '../support/child.js'

/**
 * dist/start.cjs, what `npm start` runs, is the loader alone: the service
 * comes from dist/service.cjs through its code cache. A static import of the
 * service would bundle all of it into the entry, compiled without the cache.
 */
describe("the bundle of npm start's CommonJS entry", () => {
  it('holds the V8 flag reset, the early relay connection and the code cache loader, not the service', async () => {
    const result = await build({ ...targets.service, entryPoints: { start: 'src/runtime/node/start.ts' }, write: false, metafile: true, absWorkingDir: ROOT, outdir: 'unused' })
    const inputs = Object.keys(result.metafile.inputs).sort()
    expect(inputs).toEqual(['src/runtime/node/code-cache.ts', 'src/runtime/node/early-relay.ts', 'src/runtime/node/start-service.ts', 'src/runtime/node/start.ts', 'src/runtime/node/v8-flag-defaults.ts'])
    const [output] = result.outputFiles
    expect(output!.text.length).toBeLessThan(8_000)
    expect(output!.text).toContain('service.cjs')
  })
})
