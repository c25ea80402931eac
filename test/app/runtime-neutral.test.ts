import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../src/', import.meta.url))
/** Static value imports and re-exports (`import type` is erased; a lazy `import()` is loaded only when used). */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
const builtins = new Set(builtinModules)

/** Every module statically loaded from `entry` through relative imports, with the packages each imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const packages: string[] = []
    seen.set(file, packages)
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      else packages.push(spec)
    }
  }
  visit(entry)
  return seen
}

const nodeImports = (entry: string) =>
  [...importGraph(resolve(root, entry))].flatMap(([file, packages]) =>
    packages.filter((p) => p.startsWith('node:') || builtins.has(p.split('/')[0]!)).map((p) => `${file.slice(root.length)} → ${p}`),
  )

describe('createApp is runtime-neutral', () => {
  it('nothing src/app.ts loads imports a Node built-in', () => {
    expect(importGraph(resolve(root, 'app.ts')).size).toBeGreaterThan(10)
    expect(nodeImports('app.ts')).toEqual([])
  })

  it('the check does see Node imports where they belong (the Node entry)', () => {
    expect(nodeImports('server.ts').length).toBeGreaterThan(0)
  })
})
