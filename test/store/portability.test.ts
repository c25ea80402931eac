import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// These modules are reachable from src/app.ts, which must run on any runtime.
const portable = [
  'src/store/types.ts',
  'src/store/keys.ts',
  'src/store/token-bucket.ts',
  'src/store/memory-idempotency.ts',
  'src/store/memory-rate-limiter.ts',
  'src/http/idempotency.ts',
  'src/http/rate-limit.ts',
]

describe('store portability', () => {
  it.each(portable)('%s imports neither node: modules nor the Redis client', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    expect(imports.filter((s) => s!.startsWith('node:') || s === 'ioredis' || s!.includes('redis'))).toEqual([])
  })
})
