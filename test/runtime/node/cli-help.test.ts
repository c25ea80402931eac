import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../../src/config/load.js'
import { VARIABLE_SUMMARIES } from '../../../src/runtime/node/variables.js'
import { runCli } from './cli-process.js'
import { targets } from '../../../scripts/build-targets.js'

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')
const pkg = JSON.parse(read('package.json')) as { version: string; bin: Record<string, string>; scripts: Record<string, string> }

describe('mailbridge --help', () => {
  let help = ''
  it('exits 0 and lists every variable once, on one line with its summary', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    help = result.stdout
    for (const name of CONFIG_VARIABLES) {
      const lines = help.split('\n').filter((l) => new RegExp(`^  ${name}\\s`).test(l))
      expect(lines, name).toHaveLength(1)
      expect(lines[0]!.slice(2 + name.length).trim()).toBe(VARIABLE_SUMMARIES[name])
    }
    expect(Object.keys(VARIABLE_SUMMARIES).sort()).toEqual([...CONFIG_VARIABLES].sort())
    for (const command of ['[serve]', 'check', 'send --to']) expect(help).toContain(`mailbridge ${command}`)
  })

  it('-h is the same text, and so is --help after a command', async () => {
    expect((await runCli(['-h'])).stdout).toBe(help)
    expect((await runCli(['send', '--help'])).stdout).toBe(help)
  })

  it('is what docs/cli.md shows', () => {
    expect(help).not.toBe('')
    expect(read('docs/cli.md')).toContain(['```', '$ npx mailbridge --help', help + '```'].join('\n'))
  })

  it('names only variables docs/configuration.md documents', () => {
    const documented = read('docs/configuration.md')
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(`\`${name}\``))).toEqual([])
  })
})

describe('mailbridge --version', () => {
  it('prints the version in package.json', async () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
    for (const flag of ['--version', '-v']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('is the package bin, built from cli.ts', () => {
    expect(pkg.bin).toEqual({ mailbridge: 'dist/cli.js' })
    expect(targets.node.entryPoints).toMatchObject({ cli: 'src/runtime/node/cli.ts' })
  })
})

describe('a wrong command line', () => {
  it.each([
    [['bogus'], /^mailbridge: unknown command "bogus"$/m],
    [['send'], /^mailbridge: send needs at least one --to <address>$/m],
    [['send', '--to'], /--to <value>' argument missing/],
    [['send', '--tos', 'a@b.c'], /Unknown option '--tos'/],
    [['check', '--to', 'a@b.c'], /--to is an option of send, not check/],
    [['check', 'now'], /unexpected argument "now" after check/],
  ])('%j exits 2 and says what is wrong', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).toContain('mailbridge --help')
    expect(result.stdout).toBe('')
  })
})
