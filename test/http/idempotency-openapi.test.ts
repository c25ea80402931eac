import { describe, expect, it } from 'vitest'
import { testApp } from './fake-mailer.js'

describe('OpenAPI document: idempotency and rate limits', () => {
  it('declares the Idempotency-Key header, the replay and RateLimit headers, and the new problem codes', async () => {
    const { app } = testApp()
    const doc = await (await app.request('/openapi.json')).json()
    const send = doc.paths['/send'].post
    const param = send.parameters.find((p: { name: string }) => p.name === 'idempotency-key')
    expect(param).toMatchObject({ in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 256 } })
    expect(Object.keys(send.responses['200'].headers)).toEqual(
      expect.arrayContaining(['Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
    )
    expect(send.responses['409'].description).toContain('idempotency_key_reused')
    expect(send.responses['429'].description).toContain('rate_limited')
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(
      expect.arrayContaining(['idempotency_key_reused', 'idempotency_in_progress', 'idempotency_unavailable', 'rate_limited']),
    )
  })
})
