import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './child.js'

/** The runtime binaries the npm devDependencies install (`workerd`, `bun`, `deno`). */
export function binary(name: 'workerd' | 'bun' | 'deno'): string {
  const path = join(ROOT, 'node_modules', '.bin', name)
  if (!existsSync(path)) throw new Error(`${name} is not installed: run npm ci (it is a devDependency)`)
  return path
}
