import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { startScriptNodeFlags } from './start-flags.js'

/** What the code cache writer reports. */
export interface CodeCacheWritten {
  /** `sent` when the first request was rehearsed before the cache was written; otherwise `failed: <why>` (the cache then holds the top level only). */
  rehearsal: string
}

/**
 * Writes `dir/service.cjs.cache`, the V8 code cache `npm start` loads the
 * service with: runs `dir/code-cache.cjs` under `npm start`'s Node flags,
 * since V8 refuses a cache made under other flags. The writer rehearses a
 * first request first (src/runtime/node/write-code-cache.ts); when that
 * fails, the cache is still written and a warning says why.
 *
 * @throws {Error} when the writer fails or is still running after `timeoutMs`
 *   (loading the service and rehearsing a request must leave nothing that
 *   keeps a process alive).
 */
export function writeCodeCache(dir: string, timeoutMs = 60_000): CodeCacheWritten {
  const run = spawnSync(process.execPath, [...startScriptNodeFlags(), join(dir, 'code-cache.cjs')], { encoding: 'utf8', timeout: timeoutMs })
  if (run.error !== undefined) throw new Error(`writing the code cache failed: ${run.error.message}`)
  if (run.status !== 0) throw new Error(`writing the code cache failed (${run.signal ?? `exit ${String(run.status)}`}): ${run.stderr}`)
  const last = run.stdout.trim().split('\n').pop() ?? ''
  let rehearsal = `failed: the writer reported nothing (${last.slice(0, 200)})`
  try {
    const report = JSON.parse(last) as { rehearsal?: unknown }
    if (typeof report.rehearsal === 'string') rehearsal = report.rehearsal
  } catch {
    // keeps the message above
  }
  if (rehearsal !== 'sent') process.stderr.write(`warning: the code cache covers the service's top level only; rehearsing a first request ${rehearsal}\n`)
  return { rehearsal }
}
