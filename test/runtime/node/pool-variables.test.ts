import { describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { useServer } from '../../helpers/server.js'
import { heldRelayEnv, useHeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

const gauge = (metrics: string, series: string) => {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? NaN : Number(line.slice(series.length + 1))
}

describe('SMTP_POOL_SIZE and SMTP_POOL_MAX_MESSAGES in a running server', () => {
  const held = useHeldRelay()
  const app = useServer(() => loadConfig({ ...heldRelayEnv(held()), SMTP_POOL_SIZE: '2', SMTP_POOL_MAX_MESSAGES: '1' }))

  it('holds at most SMTP_POOL_SIZE connections, queues the rest, and opens a new one after every SMTP_POOL_MAX_MESSAGES messages', async () => {
    const { url } = app.server()
    const metrics = async () => (await fetch(`${url}/metrics`)).text()
    const pending = Promise.all(Array.from({ length: 3 }, () => postMail(url)))
    await held().received()
    await vi.waitFor(async () => {
      const m = await metrics()
      expect(gauge(m, 'mailbridge_pool_connections{relay="primary",state="in_use"}')).toBe(2)
      expect(gauge(m, 'mailbridge_pool_queue_length{relay="primary"}')).toBe(1)
    })
    held().release()
    expect((await pending).map((r) => r.status)).toEqual([200, 200, 200])
    // One message per connection: three messages took three connections.
    expect(gauge(await metrics(), 'mailbridge_pool_connections_created{relay="primary"}')).toBe(3)
  })
})
