import { describe, expect, it } from 'vitest'
import { testApp } from './fake-mailer.js'

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document describing every route (itself included) and the problem responses', async () => {
    const { app } = testApp()
    const res = await app.request('/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(['/forms/{name}', '/healthz', '/hooks/{name}', '/metrics', '/openapi.json', '/readyz', '/send', '/send/batch'])
    expect(doc.paths['/openapi.json'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/OpenApiDocument')
    const send = doc.paths['/send'].post
    expect(send.requestBody.required).toBe(true)
    expect(send.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SendRequest')
    expect(Object.keys(send.responses).sort()).toEqual(
      ['200', '400', '401', '403', '409', '413', '415', '422', '429', '500', '502', '503', '504'],
    )
    expect(send.responses['422'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem')
    const schemas = doc.components.schemas
    // subject is required unless a template renders it; the schema's refinement says so in each 422.
    expect(schemas.SendRequest.required).toBeUndefined()
    expect(Object.keys(schemas.SendRequest.properties).sort()).toEqual(
      ['attachments', 'bcc', 'cc', 'data', 'from', 'headers', 'html', 'reply_to', 'subject', 'template', 'text', 'to'],
    )
    // queue_id is absent for a test key, which delivers nothing.
    expect(schemas.SendResponse.required.sort()).toEqual(['accepted', 'message_id', 'rejected', 'smtp_response'])
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})
