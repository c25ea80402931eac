import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Static value imports and re-exports, and side-effect imports (`import type` is erased; a lazy `import()` is loaded only when used). */
const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
/** The same, with `import type` / `export type` as well. */
const ANY_IMPORT = /(?:^|\n)\s*(?:import|export)\s+[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
const builtins = new Set(builtinModules)

export interface ImportGraphOptions {
  /** Also follow and report type-only imports. Default false: only what loads at run time. */
  types?: boolean
}

/**
 * Every module statically reachable from `entry` (a path from the repository
 * root, e.g. `src/http/app.ts`) through relative imports, keyed by its path from the
 * root, with the bare specifiers (packages, Node built-ins) each imports.
 */
export function importGraph(entry: string, { types = false }: ImportGraphOptions = {}): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const visit = (file: string) => {
    const key = relative(ROOT, file)
    if (seen.has(key)) return
    const packages: string[] = []
    seen.set(key, packages)
    for (const m of readFileSync(file, 'utf8').matchAll(types ? ANY_IMPORT : VALUE_IMPORT)) {
      const spec = (m[1] ?? m[2])!
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      else packages.push(spec)
    }
  }
  visit(resolve(ROOT, entry))
  return seen
}

/** Whether a specifier names a Node built-in (`node:fs`, or the bare `fs`). */
export const isNodeBuiltin = (spec: string): boolean => spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)

/**
 * The imports in the graph of `entry` that `forbidden` matches (default: Node
 * built-ins), as `file → specifier` lines: `[]` means the graph is free of them.
 */
export function importsMatching(
  entry: string,
  forbidden: (spec: string) => boolean = isNodeBuiltin,
  options: ImportGraphOptions = {},
): string[] {
  return [...importGraph(entry, options)].flatMap(([file, packages]) => packages.filter(forbidden).map((p) => `${file} → ${p}`))
}
