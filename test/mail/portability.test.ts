import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../../src/mail')
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))

describe('src/mail runs on any runtime', () => {
  it('imports only its own modules (no node:, no packages), and template.ts the one pure template engine', () => {
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8')
      for (const m of src.matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        // liquidjs interprets templates without I/O, eval or new Function (test/mail/template-no-eval checks its builds).
        if (f === 'template.ts' && m[1] === 'liquidjs') continue
        expect(m[1], `${f} imports ${m[1]}`).toMatch(/^\.\/[\w-]+\.js$/)
      }
      expect(src, f).not.toMatch(/\brequire\(|\bimport\(/)
    }
  })
  it('uses no Node-only globals', () => {
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      expect(code, f).not.toMatch(/\b(?:Buffer|process|global|__dirname|setImmediate)\b/)
    }
  })
})
