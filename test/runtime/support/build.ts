import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { targets } from '../../../scripts/build-targets.js'
import { writeCodeCache } from '../../../scripts/code-cache.js'
import { ROOT } from './child.js'

/**
 * Bundles one target exactly as `npm run build` does, into a directory of its
 * own under `.test-dist/` (inside the repository, as `dist/` is), and returns it.
 * Test files run in parallel: each gets its own directory. `entry` bundles
 * another entry with the target's options (a test Worker). `node` comes with
 * the service's CommonJS bundle and code cache, as `npm start` loads it.
 */
export async function buildTarget(target: keyof typeof targets, entry?: { name: string; path: string }): Promise<{ dir: string; remove(): void }> {
  const dir = join(ROOT, '.test-dist', `${target}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(dir, { recursive: true })
  await build({ ...targets[target], ...(entry ? { entryPoints: { [entry.name]: entry.path } } : {}), outdir: dir, absWorkingDir: ROOT })
  if (target === 'node' && entry === undefined) {
    await build({ ...targets.service, outdir: dir, absWorkingDir: ROOT })
    writeCodeCache(dir)
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
