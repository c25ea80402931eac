import { closeSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './child.js'

/**
 * Where the npm devDependencies put each runtime's binary: the package's own
 * bin (filled in by its install script), else the platform package it comes
 * from (there whether or not npm ran install scripts).
 */
const CANDIDATES: Record<'workerd' | 'bun' | 'deno', string[]> = {
  workerd: ['node_modules/workerd/bin/workerd', 'node_modules/@cloudflare/workerd-linux-64/bin/workerd'],
  bun: ['node_modules/bun/bin/bun.exe', 'node_modules/@oven/bun-linux-x64/bin/bun', 'node_modules/@oven/bun-linux-x64-baseline/bin/bun'],
  deno: ['node_modules/deno/deno', 'node_modules/@deno/linux-x64-glibc/deno'],
}

/** Whether `path` is a native executable (ELF), not a placeholder script. */
function isElf(path: string): boolean {
  try {
    const fd = openSync(path, 'r')
    try {
      const head = Buffer.alloc(4)
      return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === '\x7fELF'
    } finally {
      closeSync(fd)
    }
  } catch {
    return false
  }
}

/** The runtime binary the npm devDependencies installed (`workerd`, `bun`, `deno`). */
export function binary(name: keyof typeof CANDIDATES): string {
  const found = CANDIDATES[name].map((p) => join(ROOT, p)).find(isElf)
  if (found === undefined) throw new Error(`${name} is not installed: run npm ci (it is a devDependency with a binary for this platform)`)
  return found
}
