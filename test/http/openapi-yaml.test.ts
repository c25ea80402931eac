import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { OPENAPI_YAML, renderOpenApiYaml } from '../../scripts/openapi.js'
import { testApp } from './fake-mailer.js'

describe('openapi.yaml', () => {
  it('is up to date with the zod schemas (run `npm run openapi` when this fails)', () => {
    expect(readFileSync(OPENAPI_YAML, 'utf8')).toBe(renderOpenApiYaml())
  })

  it('is the document GET /openapi.json serves', async () => {
    const { app } = testApp()
    const served = await (await app.request('/openapi.json')).json()
    expect(parse(readFileSync(OPENAPI_YAML, 'utf8'))).toEqual(served)
  })
})
