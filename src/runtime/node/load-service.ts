/**
 * How `dist/index.js` and `mailbridge serve` load the service (service.ts):
 * on Node, from the CommonJS bundle `dist/service.cjs` through its code cache
 * (start-service.ts); on Bun, on Deno, and when run from the sources
 * (`npm run dev`), as an ES module.
 */
import './v8-flag-defaults.js'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadServiceBundle, startService as startWith, type LoadedService } from './start-service.js'

/** Loads the service the fastest way the runtime allows; see the module comment. */
async function loadService(): Promise<LoadedService> {
  const bundle = fileURLToPath(new URL('./service.cjs', import.meta.url))
  const onNode = process.versions.bun === undefined && process.versions.deno === undefined
  if (!onNode || !existsSync(bundle)) return { service: await import('./service.js'), codeCache: undefined }
  return loadServiceBundle(bundle)
}

/**
 * Runs the service as `npm start` does (start-service.ts), loaded as
 * {@link loadService} can.
 */
export function startService(env: Record<string, string | undefined> = process.env): Promise<void> {
  return startWith(env, loadService)
}
