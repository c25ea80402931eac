import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writeCodeCache } from '../../../scripts/code-cache.js'
import { useTempDir } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'

/**
 * The code cache writer reports whether it rehearsed a first request before
 * writing the cache; the build warns, and goes on, when it did not (the
 * cache then covers the service's top level only).
 */
describe("the code cache writer's report", () => {
  const dir = useTempDir('mailbridge-code-cache-report-')
  afterEach(() => vi.restoreAllMocks())

  it('rehearses a send in the real bundle', async () => {
    const bundle = await buildTarget('node')
    try {
      expect(writeCodeCache(bundle.dir)).toEqual({ rehearsal: 'sent' })
    } finally {
      bundle.remove()
    }
  })

  it('warns and still writes the cache when the real writer cannot make its outbox for the rehearsal', async () => {
    const bundle = await buildTarget('node')
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const tmp = process.env.TMPDIR
    process.env.TMPDIR = join(dir(), 'missing')
    try {
      rmSync(join(bundle.dir, 'service.cjs.cache'))
      expect(writeCodeCache(bundle.dir).rehearsal).toMatch(/^failed: ENOENT/)
      expect(existsSync(join(bundle.dir, 'service.cjs.cache'))).toBe(true)
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^warning: .*rehearsing a first request failed: ENOENT/)])
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = tmp
      bundle.remove()
    }
  })

  it('warns and goes on when the rehearsal failed, or the writer said nothing', () => {
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    writeFileSync(join(dir(), 'code-cache.cjs'), `console.log('{"msg":"a log line"}'); console.log(JSON.stringify({ rehearsal: 'failed: connect ECONNREFUSED' }))\n`)
    expect(writeCodeCache(dir())).toEqual({ rehearsal: 'failed: connect ECONNREFUSED' })
    writeFileSync(join(dir(), 'code-cache.cjs'), '\n')
    expect(writeCodeCache(dir()).rehearsal).toMatch(/^failed: the writer reported nothing/)
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^warning: the code cache covers the service's top level only; rehearsing a first request failed: connect ECONNREFUSED\n$/),
      expect.stringMatching(/^warning: .*failed: the writer reported nothing/),
    ])
  })
})
