/**
 * Loading a CommonJS bundle through a V8 code cache: `npm start` loads the
 * service from `dist/service.cjs` with the compiled code `npm run build`
 * saved beside it (`service.cjs.cache`), so a cold start neither parses nor
 * compiles most of it again. Node 20 has no code cache for ES modules; this
 * is the one place that makes and reads ours.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Script } from 'node:vm'

/** What became of the code cache: used, refused by V8 (another Node or other V8 flags: compiled as usual), or absent. */
export type CodeCacheUse = 'used' | 'rejected' | 'none'

/** Options of {@link loadCommonJs}. */
export interface LoadCommonJsOptions {
  /** Read the code cache beside the file. Default true; the build passes false, compiles afresh, and then writes one with `saveCodeCache`. */
  readCache?: boolean
}

/** The bundle's exports, and what became of its code cache. */
export interface LoadedCommonJs<T> {
  exports: T
  codeCache: CodeCacheUse
  /**
   * Writes the code cache (`file` + `.cache`) of every function compiled so
   * far: the top level's, and those of whatever ran since (the build
   * rehearses a first request before it saves).
   */
  saveCodeCache(): void
}

/** Node's CommonJS wrapper, written out: the cache belongs to this exact source text. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/**
 * Runs the CommonJS file `file` as `require` would and returns its exports,
 * compiled from its code cache (`file` + `.cache`) when V8 accepts it. V8 refuses a cache made by
 * another Node version or under other V8 flags (`npm start`'s flags are those
 * the build used): the file is then compiled as usual, only slower.
 *
 * @example
 * ```ts
 * const { exports, codeCache } = loadCommonJs<typeof import('./service.js')>('/app/dist/service.cjs')
 * ```
 */
export function loadCommonJs<T>(file: string, { readCache: read = true }: LoadCommonJsOptions = {}): LoadedCommonJs<T> {
  const cacheFile = `${file}.cache`
  const cachedData = read ? readCache(cacheFile) : undefined
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData })
  const module = { exports: {} as T }
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file))
  return {
    exports: module.exports,
    codeCache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used',
    saveCodeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  }
}
