import { describe, expect, it } from 'vitest'
import { importGraph, importsMatching, isNodeBuiltin } from '../helpers/import-graph.js'

// These modules are reachable from src/http/app.ts, which must run on any runtime.
const portable = [
  'src/store/types.ts',
  'src/store/keys.ts',
  'src/store/token-bucket.ts',
  'src/store/memory-idempotency.ts',
  'src/store/memory-rate-limiter.ts',
  'src/http/middleware/idempotency.ts',
  'src/http/middleware/rate-limit.ts',
]

const nodeOrRedis = (spec: string) => isNodeBuiltin(spec) || spec.includes('redis')

describe('store portability', () => {
  it.each(portable)('%s imports neither node: modules nor the Redis client, nor does anything it imports', (file) => {
    expect(importsMatching(file, nodeOrRedis, { types: true })).toEqual([])
    expect([...importGraph(file, { types: true }).keys()].filter((f) => f.includes('redis'))).toEqual([])
  })
})
