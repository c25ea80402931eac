/**
 * How `npm start` loads the service (service.ts): on Node, from the CommonJS
 * bundle `dist/service.cjs` through its code cache (code-cache.ts); on Bun,
 * on Deno, and when run from the sources (`npm run dev`), as an ES module.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadCommonJs, type CodeCacheUse } from './code-cache.js'
import { connectRelayEarly } from './early-relay.js'

type Service = typeof import('./service.js')

/** The service module, and what became of the code cache (undefined when loaded as an ES module, without one). */
interface LoadedService {
  service: Service
  codeCache: CodeCacheUse | undefined
}

/** Loads the service the fastest way the runtime allows; see the module comment. */
async function loadService(): Promise<LoadedService> {
  const bundle = fileURLToPath(new URL('./service.cjs', import.meta.url))
  const onNode = process.versions.bun === undefined && process.versions.deno === undefined
  if (!onNode || !existsSync(bundle)) return { service: await import('./service.js'), codeCache: undefined }
  // Let the early relay connection start (Node connects on the next turn) before the synchronous load.
  await new Promise((resolve) => setImmediate(resolve))
  const { exports, codeCache } = loadCommonJs<Service>(bundle)
  return { service: exports, codeCache }
}

/**
 * What `npm start` and `mailbridge serve` run: opens the relay connection
 * (early-relay.ts), loads the service meanwhile ({@link loadService}), and
 * runs it until a signal stops it.
 */
export async function startService(env: Record<string, string | undefined> = process.env): Promise<void> {
  const earlyRelay = connectRelayEarly(env)
  const { service, codeCache } = await loadService()
  await service.runService(env, { earlyRelay, codeCache })
}
