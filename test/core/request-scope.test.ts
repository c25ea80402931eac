import { AsyncLocalStorage } from 'node:async_hooks'
import { describe, expect, it } from 'vitest'
import { requestScopedPool, withRequestConnections, type RequestConnections } from '../../src/core/request-scope.js'
import { createSmtpPool, type SmtpPool } from '../../src/smtp/pool.js'
import { fakeRelay, message } from '../smtp/pool-fake.js'

/**
 * Per-request relay connections (Workers): each request that sends gets a
 * pool of its own, every message of the request shares it, and it is QUIT
 * when the request ends, never reused by another request.
 */
describe('requestScopedPool', () => {
  const setup = () => {
    const relay = fakeRelay()
    const context = new AsyncLocalStorage<RequestConnections>()
    const opened: SmtpPool[] = []
    const pool = requestScopedPool(context, 'primary', () => {
      const p = createSmtpPool({ host: 'relay.test', port: 587, size: 2, openConnection: relay.open })
      opened.push(p)
      return p
    })
    return { relay, context, pool, opened }
  }

  it('one pool per request: its messages share a connection, which is QUIT when the request ends', async () => {
    const { relay, context, pool, opened } = setup()
    await withRequestConnections(context, async () => {
      await pool.send(message(1))
      await pool.send(message(2))
      expect(pool.stats()).toMatchObject({ open: 1, idle: 1 })
    })
    expect(opened).toHaveLength(1)
    expect(relay.connections).toHaveLength(1)
    expect(relay.connections[0]!.sent).toHaveLength(2)
    expect(relay.connections[0]!.quits).toBe(1)
  })

  it('concurrent requests never share a connection', async () => {
    const { relay, context, pool } = setup()
    relay.hold = true
    const requests = [1, 2].map((n) => withRequestConnections(context, () => pool.send(message(n))))
    await expect.poll(() => relay.held.length).toBe(2)
    relay.hold = false
    relay.releaseAll()
    await Promise.all(requests)
    expect(relay.connections.map((c) => c.sent.length)).toEqual([1, 1])
    expect(relay.connections.every((c) => c.quits === 1)).toBe(true)
  })

  it('hands the QUIT to waitUntil when the runtime gives one, after the answer', async () => {
    const { relay, context, pool } = setup()
    const later: Promise<unknown>[] = []
    const answer = await withRequestConnections(context, async () => (await pool.send(message(1))).response, (p) => later.push(p))
    expect(answer).toBe('250 ok')
    expect(later).toHaveLength(1)
    await Promise.all(later)
    expect(relay.connections[0]!.quits).toBe(1)
  })

  it('a request that sends nothing opens nothing', async () => {
    const { context, opened } = setup()
    const later: Promise<unknown>[] = []
    await withRequestConnections(context, async () => 'no mail', (p) => later.push(p))
    expect(opened).toEqual([])
    expect(later).toEqual([])
  })

  it('a send outside any request gets a pool of its own, closed after it', async () => {
    const { relay, pool, opened } = setup()
    await pool.send(message(1))
    expect(opened).toHaveLength(1)
    expect(relay.connections[0]!.quits).toBe(1)
    expect(pool.stats().open).toBe(0)
  })
})
