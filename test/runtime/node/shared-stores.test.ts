import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { startServer, type RunningServer } from '../../../src/runtime/node/server.js'
import { useRedis } from '../../helpers/redis.js'
import { heldRelayEnv, startHeldRelay, type HeldRelay } from './held-relay.js'
import { postMail } from './post-mail.js'

const send = (url: string, key: string) => postMail(url, { headers: { 'idempotency-key': key } })

describe('startServer with REDIS_URL', () => {
  const redis = useRedis()
  let relay: HeldRelay
  const servers: RunningServer[] = []

  beforeAll(async () => {
    relay = await startHeldRelay()
    relay.release()
    const config = loadConfig({
      ...heldRelayEnv(relay),
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      RATE_LIMIT_PER_MINUTE: '2',
    })
    // Two instances sharing one Redis.
    for (let i = 0; i < 2; i++) servers.push(await startServer(config, { log: () => {} }))
  })
  afterAll(async () => {
    for (const s of servers) await s.close()
    await relay.close()
  })

  it('shares idempotency keys and the rate limit between instances', async () => {
    const [a, b] = servers.map((s) => s.url) as [string, string]
    const first = await send(a, 'key-1')
    expect(first.status).toBe(200)
    const replay = await send(b, 'key-1')
    expect(replay.status).toBe(200)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await replay.json()).toEqual(await first.json())

    // Both requests took a token from the one bucket in Redis: the third, on either instance, is over the limit.
    expect((await send(a, 'key-2')).status).toBe(429)
    expect((await send(b, 'key-3')).status).toBe(429)
  })

  it('closes its Redis connection on shutdown', async () => {
    const admin = redis.client()
    const clients = async () => String(await admin.call('CLIENT', 'LIST')).trim().split('\n').length
    const before = await clients()
    await servers.pop()!.close()
    await expect.poll(clients).toBe(before - 1)
  })
})
