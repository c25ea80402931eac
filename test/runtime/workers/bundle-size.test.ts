import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { targets } from '../../../scripts/build-targets.js'
import { ROOT } from '../support/child.js'

/** mailbridge's goal for the Worker's size (docs/deploy.md). */
const GOAL_GZIPPED_BYTES = 150_000

/**
 * dist/worker.js as `npm run build` makes it (in memory): what it carries,
 * and its size gzipped at level 9, as `npm run bench:runtimes` measures it.
 */
describe('dist/worker.js, the bundle', () => {
  const bundled = build({ ...targets.worker, absWorkingDir: ROOT, write: false, metafile: true, outdir: 'dist' }).then((result) => {
    const output = result.outputFiles.find((f) => f.path.endsWith('worker.js'))!
    const inputs = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('worker.js'))![1].inputs
    return { bytes: output.contents, inputs: Object.keys(inputs).filter((input) => inputs[input]!.bytesInOutput > 0) }
  })

  it('leaves out the OpenAPI generator: the app serves the generated document', async () => {
    const { inputs } = await bundled
    expect(inputs.some((i) => i.includes('node_modules/hono/'))).toBe(true)
    expect(inputs.filter((i) => /@asteasolutions|@hono[\\/]zod-openapi|api-document/.test(i))).toEqual([])
    expect(inputs).toContain('src/http/openapi.json')
  })

  it('leaves out what mailbridge never calls in zod: z.compile, z.fromJSONSchema, the JSON Schema converter', async () => {
    const { inputs } = await bundled
    expect(inputs.some((i) => i.includes('node_modules/zod/v4/core/schemas.js'))).toBe(true)
    expect(inputs.filter((i) => /^node_modules[\\/]zod[\\/]v4[\\/](core[\\/](compile|to-json-schema|json-schema-generator)|classic[\\/]from-json-schema)\.js$/.test(i))).toEqual([])
  })

  it(`is under ${GOAL_GZIPPED_BYTES / 1000} KB gzipped`, async () => {
    const { bytes } = await bundled
    expect(gzipSync(bytes, { level: 9 }).length).toBeLessThan(GOAL_GZIPPED_BYTES)
  })
})
