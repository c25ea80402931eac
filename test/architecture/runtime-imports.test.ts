import { describe, expect, it } from 'vitest'
import { importGraph, importsMatching, sourceFiles, textOf } from '../helpers/import-graph.js'

/** The modules each runtime bundle starts from. */
const ENTRIES = ['src/runtime/workers/main.ts', 'src/runtime/node/main.ts', 'src/runtime/node/start.ts', 'src/runtime/node/cli.ts', 'src/runtime/node/lambda.ts', 'src/http/app.ts']

describe('what the runtimes load', () => {
  it('no runtime entry reaches the OpenAPI generator, even lazily: the app serves the generated src/http/openapi.json', () => {
    for (const entry of ENTRIES) {
      const graph = importGraph(entry, { lazy: true })
      expect(graph.size, entry).toBeGreaterThan(5)
      expect(importsMatching(entry, (spec) => spec.startsWith('@hono/zod-openapi') || spec.startsWith('@asteasolutions/'), { lazy: true })).toEqual([])
      expect([...graph.keys()].filter((file) => file.startsWith('src/http/api-document/'))).toEqual([])
    }
  })

  it("the check sees the generator where it is used: the document's own modules", () => {
    expect(importsMatching('src/http/api-document/document.ts', (spec) => spec === '@hono/zod-openapi')).not.toEqual([])
  })

  it("no module imports zod's `z` binding: esbuild keeps every export of that namespace, `import * as z` lets it drop the unused ones", () => {
    const files = sourceFiles('src')
    const bad = files.filter((f) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*['"]zod['"]/.test(textOf(f).replace(/import type \{[^}]*\}/g, '')))
    expect(files.filter((f) => /import \* as z from 'zod'/.test(textOf(f))).length).toBeGreaterThan(3)
    expect(bad).toEqual([])
  })
})
