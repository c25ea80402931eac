import { describe, expect, it } from 'vitest'
import { importsMatching, isNodeBuiltin } from '../helpers/import-graph.js'

// Reachable from src/http/app.ts (or meant for any runtime's entry), so no node: imports.
const portable = [
  'src/metrics/registry.ts',
  'src/metrics/mailbridge.ts',
  'src/http/middleware/count-requests.ts',
  'src/http/routes/metrics.ts',
  'src/http/routes/readyz.ts',
  'src/smtp/retry.ts',
  'src/smtp/failover.ts',
  'src/smtp/probe.ts',
  'src/core/relay-mailer.ts',
]

describe('reliability and metrics portability', () => {
  it.each(portable)('%s imports no node: module, nor does anything it imports', (file) => {
    expect(importsMatching(file, isNodeBuiltin, { types: true })).toEqual([])
  })
})
