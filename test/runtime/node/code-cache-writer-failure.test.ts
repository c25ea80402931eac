import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { targets } from '../../../scripts/build-targets.js'
import { writeCodeCache } from '../../../scripts/code-cache.js'
import { useTempDir } from '../../helpers/fixture.js'
import { ROOT } from '../support/child.js'

/**
 * `npm run build` fails, saying why, when the code cache cannot be written:
 * the writer exiting with an error (its stderr quoted), or still running at
 * the deadline (loading the service started something that keeps a process alive).
 */
describe('the code cache writer failing', () => {
  const dir = useTempDir('mailbridge-code-cache-writer-')

  it('throws with the exit status and what the writer wrote on stderr', () => {
    writeFileSync(join(dir(), 'code-cache.cjs'), "process.stderr.write('cannot load service.cjs'); process.exit(3)\n")
    expect(() => writeCodeCache(dir())).toThrow(/^writing the code cache failed \(exit 3\): cannot load service\.cjs$/)
  })

  it('throws when the writer is still running at the deadline', () => {
    writeFileSync(join(dir(), 'code-cache.cjs'), 'setInterval(() => {}, 1000)\n')
    expect(() => writeCodeCache(dir(), 300)).toThrow(/^writing the code cache failed: .*ETIMEDOUT/)
  })

  it('throws when the real writer is still running at the deadline: it waits for whatever loading the service started', async () => {
    await build({ ...targets.service, entryPoints: { 'code-cache': 'src/runtime/node/write-code-cache.ts' }, outdir: dir(), absWorkingDir: ROOT })
    writeFileSync(join(dir(), 'service.cjs'), 'setInterval(() => {}, 1000)\nexports.rehearse = async () => {}\n')
    expect(() => writeCodeCache(dir(), 3_000)).toThrow(/^writing the code cache failed: .*ETIMEDOUT/)
  })
})
