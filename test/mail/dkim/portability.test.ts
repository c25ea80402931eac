import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../../../src/mail/dkim')
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))

describe('src/mail/dkim runs on any runtime, as the rest of src/mail', () => {
  it('imports only its own modules (no node:, no packages, nothing from outside the folder)', () => {
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8')
      for (const m of src.matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        expect(m[1], `${f} imports ${m[1]}`).toMatch(/^\.\/[\w-]+\.js$/)
      }
      expect(src, f).not.toMatch(/\brequire\(|\bimport\(/)
    }
  })

  it('uses no Node-only globals and no Web Crypto: hashing and signing belong to src/core/dkim', () => {
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      expect(code, f).not.toMatch(/\b(?:Buffer|process|global|__dirname|setImmediate|crypto)\b/)
    }
  })
})
