import { describe, expect, it } from 'vitest'
import { createHono } from '../../src/http/hono-app.js'
import type { AppEnv } from '../../src/http/env.js'
import { readJsonBody } from '../../src/http/json-body.js'
import { requireUtf8 } from '../../src/http/middleware/utf8-body.js'
import { SendRequestSchema } from '../../src/http/schemas.js'
import { validMail } from './fake-mailer.js'

describe('readJsonBody', () => {
  it('leaves neither the body text nor its bytes cached once the body is parsed', async () => {
    const app = createHono<AppEnv>()
    let cachedBefore: string[] = []
    let cachedAfter: string[] = ['unset']
    app.use(requireUtf8())
    app.post('/send', async (c) => {
      await c.req.arrayBuffer() // as the idempotency fingerprint reads it
      cachedBefore = Object.keys(c.req.bodyCache).sort()
      const body = await readJsonBody(c, SendRequestSchema, { fromRequired: true })
      cachedAfter = Object.keys(c.req.bodyCache)
      return c.json({ ok: body.ok })
    })
    const res = await app.request('/send', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(validMail()) })
    expect(await res.json()).toEqual({ ok: true })
    expect(cachedBefore).toEqual(['arrayBuffer', 'text'])
    expect(cachedAfter).toEqual([])
  })
})
