import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { configFileHasTemplates } from '../../../src/config/frontends-load.js'
import { loadConfig } from '../../../src/config/load.js'
import { configIssues } from '../config-error.js'

const withTemplate = JSON.stringify({ templates: { t: { subject: 'Hi {{ name }}', text: 'x' } } })
const keysOnly = JSON.stringify({ keys: [{ name: 'k', secret: 'env:K' }] })

/**
 * The template engine (liquidjs) is the runtime's to give, so that Node can
 * load it only for a file that has templates: whether one has them is told
 * before loading anything, and a file with templates but no engine is a
 * problem, never a template left unchecked.
 */
describe('the template engine of MAILBRIDGE_CONFIG', () => {
  it('tells whether the file has templates, from its text alone', () => {
    const yaml = 'templates:\n  welcome:\n    subject: Hi\n    text: x\n'
    const readFile = (path: string) => (path === '/etc/t.yaml' ? yaml : path === '/etc/empty.yaml' ? 'templates: {}\n' : 'keys: []\n')
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: withTemplate })).toBe(true)
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: '/etc/t.yaml' }, { readFile, parseYaml })).toBe(true)
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: keysOnly })).toBe(false)
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: '/etc/empty.yaml' }, { readFile, parseYaml })).toBe(false)
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: '/etc/keys.yaml' }, { readFile, parseYaml })).toBe(false)
    expect(configFileHasTemplates({ MAILBRIDGE_CONFIG: '{"templates": ' })).toBe(false)
    expect(configFileHasTemplates({})).toBe(false)
  })

  it('makes templates without an engine a startup problem', () => {
    expect(() => loadConfig({ MAILBRIDGE_CONFIG: withTemplate })).toThrow('MAILBRIDGE_CONFIG: templates: this runtime was given no template engine')
  })

  it('needs no engine for a file without templates', () => {
    expect(loadConfig({ MAILBRIDGE_CONFIG: keysOnly, K: 'k-secret' }).frontends?.keys.map((k) => k.name)).toEqual(['k'])
  })

  it('compiles with the engine given: a syntax error is still a startup problem', () => {
    expect(configIssues({ MAILBRIDGE_CONFIG: JSON.stringify({ templates: { t: { subject: 'Hi {{ name', text: 'x' } } }) })).toEqual([
      expect.stringMatching(/^MAILBRIDGE_CONFIG: templates\.t\.subject: /),
    ])
  })
})
