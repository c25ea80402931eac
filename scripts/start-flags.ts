import { readFileSync } from 'node:fs'

const ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=('[^']*'|"[^"]*"|\S*)\s+/

/**
 * The Node flags `npm start` gives mailbridge, read from package.json's
 * `start` script, so the bench runs the server the way users do:
 * `NODE_OPTIONS='--a --b' tsx src/runtime/node/main.ts` and
 * `node --a --b --import tsx src/runtime/node/main.ts` and `exec node --a --b dist/index.js`
 * all yield `['--a', '--b']`.
 */
export function startScriptNodeFlags(packageJson = new URL('../package.json', import.meta.url)): string[] {
  return readStartScript(packageJson).flags
}

/**
 * The script `npm start` runs with node (`dist/start.cjs` in
 * `exec node --a dist/start.cjs`), relative to the package's directory;
 * undefined when the start script does not run node.
 */
export function startScriptEntry(packageJson = new URL('../package.json', import.meta.url)): string | undefined {
  return readStartScript(packageJson).entry
}

function readStartScript(packageJson: URL): { flags: string[]; entry: string | undefined } {
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: Record<string, string> }
  let rest = (pkg.scripts?.start ?? '').trim()
  const flags: string[] = []
  for (let m = ASSIGNMENT.exec(rest); m; m = ASSIGNMENT.exec(rest)) {
    if (m[1] === 'NODE_OPTIONS') flags.push(...m[2]!.replace(/^['"]|['"]$/g, '').split(/\s+/).filter(Boolean))
    rest = rest.slice(m[0].length)
  }
  const tokens = rest.split(/\s+/)
  if (tokens[0] === 'exec') tokens.shift()
  if (tokens[0] !== 'node') return { flags, entry: undefined }
  let i = 1
  for (; i < tokens.length && tokens[i]!.startsWith('-'); i++) {
    const t = tokens[i]!
    if (t === '--import' || t === '--require' || t === '-r' || t === '--loader') i++
    else if (!/^--(import|require|loader)=/.test(t)) flags.push(t)
  }
  return { flags, entry: tokens[i] }
}
