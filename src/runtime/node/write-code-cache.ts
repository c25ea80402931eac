/**
 * Run by `npm run build` with `npm start`'s Node flags, as dist/code-cache.cjs:
 * loads dist/service.cjs, rehearses a first request (rehearsal.ts) against a
 * capture relay of this script's own, so that the cache holds the code a
 * cold start's first send runs, and writes the V8 code cache beside the
 * bundle (code-cache.ts). The capture relay is bundled into this script, not
 * loaded from dist/service.cjs, so its code stays out of the cache. Prints
 * one JSON line, `{"rehearsal":"sent"}` or the reason it failed; a failed
 * rehearsal still writes the cache, of the top level only. The service's
 * log lines come before it on stdout. The script then ends by itself: the
 * build fails when loading the service or the rehearsal left anything that
 * keeps a process alive (scripts/code-cache.ts).
 */
import './v8-flag-defaults.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCaptureRelay } from './capture-relay.js'
import { loadCommonJs } from './code-cache.js'
import type { Service } from './start-service.js'

/** Rehearses a first request against a capture relay in a temporary outbox; what became of it. */
async function rehearseOnce(service: Service): Promise<string> {
  let outboxDir: string | undefined
  try {
    outboxDir = mkdtempSync(join(tmpdir(), 'mailbridge-rehearsal-'))
    const relay = await startCaptureRelay({ outboxDir })
    try {
      await service.rehearse({ relay })
    } finally {
      await relay.close()
    }
    return 'sent'
  } catch (e) {
    return `failed: ${e instanceof Error ? e.message : String(e)}`
  } finally {
    if (outboxDir !== undefined) rmSync(outboxDir, { recursive: true, force: true })
  }
}

const { exports: service, saveCodeCache } = loadCommonJs<Service>(join(__dirname, 'service.cjs'), { readCache: false })
void rehearseOnce(service).then((rehearsal) => {
  saveCodeCache()
  process.stdout.write(`${JSON.stringify({ rehearsal })}\n`)
})
