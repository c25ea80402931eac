import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { targets } from '../../scripts/build-targets.js'
import { ROOT } from './support/child.js'

const dir = join(ROOT, '.test-dist', `bundle-zod-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A module using zod as mailbridge does, bundled with each target's options and loaded back. */
async function bundled(target: keyof typeof targets): Promise<Record<string, unknown>> {
  mkdirSync(join(dir, target), { recursive: true })
  const entry = join(dir, target, 'entry.ts')
  writeFileSync(
    entry,
    "import * as z from 'zod'\nexport const schema = z.strictObject({ name: z.string().min(2).meta({ id: 'Name', example: 'Ada' }), tags: z.array(z.string()).optional() })\n",
  )
  await build({ ...targets[target], entryPoints: { entry }, splitting: false, outdir: join(dir, target), absWorkingDir: ROOT })
  return (await import(pathToFileURL(join(dir, target, 'entry.js')).href)) as Record<string, unknown>
}

describe("the bundles' zod, without JSON Schema conversion", () => {
  for (const target of ['worker', 'lambda'] as const) {
    it(`${target}: validates, reads checks and metadata, and refuses only toJSONSchema()`, async () => {
      const { schema } = (await bundled(target)) as { schema: import('zod').ZodObject<{ name: import('zod').ZodString }> }
      expect(schema.safeParse({ name: 'Ada', tags: ['x'] }).success).toBe(true)
      const failed = schema.safeParse({ name: 'A', extra: 1 })
      expect(failed.success).toBe(false)
      expect(failed.error?.issues.map((i) => i.code).sort()).toEqual(['too_small', 'unrecognized_keys'])
      expect(schema.shape.name.minLength).toBe(2)
      expect(schema.shape.name.meta()).toEqual({ id: 'Name', example: 'Ada' })
      expect(schema['~standard'].validate({ name: 'Ada' })).toEqual({ value: { name: 'Ada' } })
      expect(() => schema.toJSONSchema()).toThrow('JSON Schema conversion is left out of mailbridge bundles')
    })
  }
})
