import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startScriptEntry, startScriptNodeFlags } from '../../../scripts/start-flags.js'
import { useTempDir } from '../../helpers/fixture.js'

/**
 * The benchmarks and tests start mailbridge the way `npm start` does: with
 * the Node flags and the entry its script names, read from package.json.
 * `npm start` runs the CommonJS entry, which spares Node its ES module loader.
 */
describe("npm start's entry and Node flags", () => {
  const dir = useTempDir('mailbridge-start-script-')

  const read = (start: string) => {
    const file = join(dir(), 'package.json')
    writeFileSync(file, JSON.stringify({ scripts: { start } }))
    const url = pathToFileURL(file)
    return { flags: startScriptNodeFlags(url), entry: startScriptEntry(url) }
  }

  it('is the CommonJS entry dist/start.cjs, under the flag that sizes the young generation', () => {
    expect(startScriptEntry()).toBe('dist/start.cjs')
    expect(startScriptNodeFlags()).toEqual(['--max-semi-space-size=8'])
  })

  it('reads flags and entry from the forms a start script takes', () => {
    expect(read('exec node --a --b dist/start.cjs')).toEqual({ flags: ['--a', '--b'], entry: 'dist/start.cjs' })
    expect(read("NODE_OPTIONS='--a --b' node --import tsx src/main.ts")).toEqual({ flags: ['--a', '--b'], entry: 'src/main.ts' })
    expect(read('node --require=x --c main.js')).toEqual({ flags: ['--c'], entry: 'main.js' })
    expect(read('tsx src/main.ts')).toEqual({ flags: [], entry: undefined })
  })
})
