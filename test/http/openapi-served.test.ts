import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OPENAPI_JSON, renderOpenApiJson } from '../../scripts/openapi.js'
import { openApiDocument } from '../../src/http/api-document/document.js'
import { testApp } from './fake-mailer.js'

describe('the served OpenAPI document', () => {
  it('src/http/openapi.json is what the route descriptions generate (run `npm run openapi` when this fails)', () => {
    expect(readFileSync(OPENAPI_JSON, 'utf8')).toBe(renderOpenApiJson())
  })

  it('GET /openapi.json serves exactly the document generated from the route descriptions and schemas', async () => {
    const { app } = testApp()
    const res = await app.request('/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())))
  })
})
