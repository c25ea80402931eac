import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Workers refuse code generation at run time (`eval`, `new Function`): the
 * template engine must interpret its templates. The Worker bundle takes
 * liquidjs's browser build (esbuild's `browser` condition); neither build may
 * generate code. (test/runtime/workers renders a template on workerd itself.)
 */
describe('the template engine generates no code', () => {
  const dist = join(dirname(createRequire(import.meta.url).resolve('liquidjs/package.json')), 'dist')

  it.each(['liquid.browser.mjs', 'liquid.node.mjs'])('%s has no eval( and no new Function / Function(', (file) => {
    const code = readFileSync(join(dist, file), 'utf8')
    expect(code.length).toBeGreaterThan(100_000)
    expect(code).not.toMatch(/\beval\s*\(/)
    expect(code).not.toMatch(/new\s+Function\b|[^\w.]Function\s*\(/)
  })
})
