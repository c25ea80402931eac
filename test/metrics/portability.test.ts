import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Reachable from src/app.ts (or meant for any runtime's entry), so no node: imports.
const portable = [
  'src/metrics/registry.ts',
  'src/metrics/mailbridge.ts',
  'src/http/metrics.ts',
  'src/http/routes/metrics.ts',
  'src/http/routes/readyz.ts',
  'src/smtp/retry.ts',
  'src/smtp/failover.ts',
  'src/smtp/probe.ts',
  'src/reliability/relay-mailer.ts',
]

describe('reliability and metrics portability', () => {
  it.each(portable)('%s imports no node: module', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    expect(imports.filter((s) => s!.startsWith('node:'))).toEqual([])
  })
})
