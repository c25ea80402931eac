/**
 * Starting the service on Node: open the relay connection first
 * (early-relay.ts), load the service meanwhile, and run it. The service comes
 * from its CommonJS bundle (`dist/service.cjs`) through its V8 code cache
 * (code-cache.ts) when there is one. Neither `import.meta` nor an import of
 * the service itself: `dist/start.cjs`, the CommonJS entry `npm start` runs,
 * is built from this module.
 */
import { loadCommonJs, type CodeCacheUse } from './code-cache.js'
import { connectRelayEarly } from './early-relay.js'

/** The service module's interface (service.ts). */
export type Service = typeof import('./service.js')

/** The service module, and what became of the code cache (undefined when loaded as an ES module, without one). */
export interface LoadedService {
  service: Service
  codeCache: CodeCacheUse | undefined
}

/**
 * Loads the service from its CommonJS bundle `file` through the code cache
 * beside it, on the event loop's next turn: the early relay connection
 * (Node connects on the next turn) starts before the synchronous load.
 */
export async function loadServiceBundle(file: string): Promise<LoadedService> {
  await new Promise((resolve) => setImmediate(resolve))
  const { exports, codeCache } = loadCommonJs<Service>(file)
  return { service: exports, codeCache }
}

/**
 * What `npm start` and `mailbridge serve` run: opens the relay connection
 * (early-relay.ts), loads the service with `load` meanwhile, and runs it
 * until a signal stops it.
 *
 * @example
 * ```ts
 * await startService(process.env, () => loadServiceBundle(join(__dirname, 'service.cjs')))
 * ```
 */
export async function startService(env: Record<string, string | undefined>, load: () => Promise<LoadedService>): Promise<void> {
  const earlyRelay = connectRelayEarly(env)
  const { service, codeCache } = await load()
  await service.runService(env, { earlyRelay, codeCache })
}
