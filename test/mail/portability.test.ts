import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../../src/mail')
/** Every source file of src/mail, dkim/ included, as a path relative to src/mail. */
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
const inDkim = (f: string) => f.startsWith('dkim/')
const code = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')

describe('src/mail runs on any runtime', () => {
  it('imports only modules of its own folder (no node:, no packages), and template.ts the one pure template engine', () => {
    expect(files.filter((f) => !inDkim(f)).length).toBeGreaterThan(5)
    expect(files.filter(inDkim).length).toBeGreaterThan(5)
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
    for (const f of files) expect(code(f), f).not.toMatch(/\b(?:Buffer|process|global|__dirname|setImmediate)\b/)
  })

  it('dkim/ uses no Web Crypto: hashing and signing belong to src/core/dkim', () => {
    for (const f of files.filter(inDkim)) expect(code(f), f).not.toMatch(/\bcrypto\b/)
  })
})
