import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Static value imports and re-exports, and side-effect imports (`import type` is erased; a lazy `import()` is loaded only when used). */
const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
/** The same, with `import type` / `export type` as well. */
const ANY_IMPORT = /(?:^|\n)\s*(?:import|export)\s+[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
/** A lazy `import('…')` with a literal specifier. */
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
const builtins = new Set(builtinModules)

export interface ImportGraphOptions {
  /** Also follow and report type-only imports. Default false: only what loads at run time. */
  types?: boolean
  /** Also follow lazy `import()`s: everything the entry may ever load, not only what loads with it. Default false. */
  lazy?: boolean
}

/**
 * Every module statically reachable from `entry` (a path from the repository
 * root, e.g. `src/http/app.ts`) through relative imports, keyed by its path from the
 * root, with the bare specifiers (packages, Node built-ins) each imports.
 */
export function importGraph(entry: string, { types = false, lazy = false }: ImportGraphOptions = {}): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const visit = (file: string) => {
    const key = relative(ROOT, file)
    if (seen.has(key)) return
    const packages: string[] = []
    seen.set(key, packages)
    const text = readFileSync(file, 'utf8')
    const matches = [...text.matchAll(types ? ANY_IMPORT : VALUE_IMPORT), ...(lazy ? text.matchAll(DYNAMIC_IMPORT) : [])]
    for (const m of matches) {
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

/** One import of one source file: static or lazy, value or type-only. */
export interface ImportEdge {
  /** The importing file, from the repository root (`src/smtp/pool.ts`). */
  from: string
  /** The specifier as written. */
  spec: string
  /** The imported file from the repository root, for a relative specifier; undefined for packages and built-ins. */
  to: string | undefined
}

/** Every file under `dir` (a path from the repository root) whose name ends with `ext`, from the root; none when `dir` does not exist. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = []
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith(ext)) out.push(relative(ROOT, path))
    }
  }
  if (existsSync(resolve(ROOT, dir))) walk(resolve(ROOT, dir))
  return out.sort()
}

/** Every `.ts` file under `dir`, from the repository root. */
export const sourceFiles = (dir: string): string[] => filesUnder(dir, '.ts')

/** Every import (static, re-export, side-effect, type-only and lazy `import()`) of every file under `dir`. */
export function importEdges(dir: string): ImportEdge[] {
  return sourceFiles(dir).flatMap((from) => {
    const text = readFileSync(resolve(ROOT, from), 'utf8')
    const specs = [...text.matchAll(ANY_IMPORT)].map((m) => (m[1] ?? m[2])!).concat([...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!))
    return specs.map((spec) => ({
      from,
      spec,
      to: spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(from), spec.replace(/\.js$/, '.ts'))) : undefined,
    }))
  })
}

/** A source file's text with comments removed (for checks on code, not prose). */
export function codeOf(file: string): string {
  return readFileSync(resolve(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
}

/** A file's text, by its path from the repository root. */
export const textOf = (file: string): string => readFileSync(resolve(ROOT, file), 'utf8')
