import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../helpers/fixture.js'
import { run } from './commands.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * deploy/Dockerfile's `npm run build` runs on what its `COPY` lines put in
 * the image, nothing else: every file the build reads (its scripts, the
 * sources, package.json) must be among them. The image's `npm ci` stands in
 * as a link to this checkout's node_modules.
 */
describe('deploy/Dockerfile, the build inside the image', { timeout: 120_000 }, () => {
  const tmp = useTempDir('mailbridge-image-')

  it('builds dist/ (with the code cache) from the files the Dockerfile copies', async () => {
    const dockerfile = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8')
    const app = join(tmp(), 'app')
    mkdirSync(app)
    for (const [, args] of dockerfile.matchAll(/^COPY (.*)$/gm)) {
      const parts = args!.trim().split(/\s+/)
      const dest = join(app, parts.at(-1)!)
      for (const source of parts.slice(0, -1)) {
        cpSync(join(ROOT, source), parts.at(-1)!.endsWith('/') ? join(dest, source.split('/').at(-1)!) : dest, { recursive: true })
      }
    }
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir')
    const build = await run('npm', ['run', 'build'], { cwd: app, timeoutMs: 90_000 })
    expect(build.code, build.transcript).toBe(0)
    for (const file of ['index.js', 'start.cjs', 'cli.js', 'service.cjs', 'service.cjs.cache']) expect(existsSync(join(app, 'dist', file)), file).toBe(true)
  })
})
