import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { nodeFileReaders } from '../../../src/runtime/node/file-readers.js'
import { useTempDir } from '../../helpers/fixture.js'

/**
 * Node reads MAILBRIDGE_CONFIG once: the look for templates (which decides
 * whether the template engine is loaded) and the load that follows it share
 * the same read, so they cannot see two versions of the file either.
 */
describe('the MAILBRIDGE_CONFIG file on Node', () => {
  const dir = useTempDir('mailbridge-config-once-')

  it('is read once for the template check and the load', async () => {
    const file = join(dir(), 'mailbridge.yaml')
    writeFileSync(file, 'templates:\n  welcome:\n    subject: "Hi {{ name }}"\n    text: x\n')
    const env = { MAILBRIDGE_CONFIG: file }
    const readers = await nodeFileReaders(env)
    expect(readers.templateEngine).toBeDefined()
    writeFileSync(file, 'templates:\n  other:\n    subject: "Bye"\n    text: y\n')
    const config = loadConfig(env, readers)
    expect(Object.keys(config.frontends?.templates ?? {})).toEqual(['welcome'])
  })
})
