/**
 * Summarises a V8 `.cpuprofile` (from `BENCH_PROFILE=1 npm run bench`): self
 * and inclusive time per function, highest first.
 * Usage: `tsx bench/profile-summary.ts FILE [N] [FILTER]` (FILTER: substring of
 * the location, e.g. `src/` to see only our code).
 */
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}
const [file, n = '30', filter = ''] = process.argv.slice(2)
if (!file) throw new Error('usage: tsx bench/profile-summary.ts FILE [N] [FILTER]')
const top = Number(n)
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] }
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
const keyOf = (node: Node) => {
  const url = node.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/')
  return `${node.callFrame.functionName || '(anonymous)'}  ${url}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`
}
const self = new Map<string, number>()
const incl = new Map<string, number>()
let busy = 0
for (const id of profile.samples) {
  const leaf = byId.get(id)!
  if (leaf.callFrame.functionName === '(idle)') continue
  busy++
  const k = keyOf(leaf)
  self.set(k, (self.get(k) ?? 0) + 1)
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const key = keyOf(byId.get(cur)!)
    if (seen.has(key)) continue
    seen.add(key)
    incl.set(key, (incl.get(key) ?? 0) + 1)
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (% of ${busy} busy samples)`)
  for (const [key, hits] of [...m].filter(([k]) => k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((hits / busy) * 100).toFixed(1).padStart(5)}%  ${key}`)
  }
}
print('self', self)
print('inclusive', incl)
