import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { startScriptNodeFlags } from './start-flags.js'

/**
 * Writes `dir/service.cjs.cache`, the V8 code cache `npm start` loads the
 * service with: runs `dir/code-cache.cjs` under `npm start`'s Node flags,
 * since V8 refuses a cache made under other flags.
 *
 * @throws {Error} when the writer fails or is still running after `timeoutMs`
 *   (loading the service must not start anything that keeps a process alive).
 */
export function writeCodeCache(dir: string, timeoutMs = 60_000): void {
  const run = spawnSync(process.execPath, [...startScriptNodeFlags(), join(dir, 'code-cache.cjs')], { encoding: 'utf8', timeout: timeoutMs })
  if (run.error !== undefined) throw new Error(`writing the code cache failed: ${run.error.message}`)
  if (run.status !== 0) throw new Error(`writing the code cache failed (${run.signal ?? `exit ${String(run.status)}`}): ${run.stderr}`)
}
