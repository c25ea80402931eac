import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useServer } from '../../helpers/server.js'

describe('RATE_LIMIT_PER_MINUTE without Redis or API keys', () => {
  // No relay needed: a non-JSON body is refused after the rate limit, before any send.
  const app = useServer(() => loadConfig({ PORT: '0', SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', RATE_LIMIT_PER_MINUTE: '1' }))

  it('applies the in-memory limit to /send', async () => {
    const server = app.server()
    const post = () => fetch(`${server.url}/send`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })
    expect((await post()).status).toBe(415)
    const limited = await post()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})
