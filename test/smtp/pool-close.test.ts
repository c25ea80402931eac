import { describe, expect, it } from 'vitest'
import { createSmtpPool } from '../../src/smtp/pool.js'
import { fakeRelay, message, waitUntil } from './pool-fake.js'

describe('pool close', () => {
  it('lets in-flight sends finish, then QUITs every connection', async () => {
    const relay = fakeRelay()
    const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 3, openConnection: relay.open })
    await Promise.all([pool.send(message(0)), pool.send(message(1)), pool.send(message(2))])
    relay.hold = true
    const inFlight = pool.send(message(3))
    await waitUntil(() => relay.held.length === 1)
    let closed = false
    const closing = pool.close().then(() => (closed = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(closed).toBe(false)
    relay.releaseAll()
    await expect(inFlight).resolves.toMatchObject({ accepted: ['r3@example.org'] })
    await closing
    expect(relay.connections.map((c) => c.quits)).toEqual([1, 1, 1])
    expect(pool.stats()).toMatchObject({ open: 0, idle: 0, inUse: 0, queued: 0 })
    await expect(pool.send(message(4))).rejects.toMatchObject({ code: 'EABORTED' })
  })

  it('rejects queued sends when closed', async () => {
    const relay = fakeRelay()
    relay.hold = true
    const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 1, openConnection: relay.open })
    const inFlight = pool.send(message(0))
    const queued = pool.send(message(1))
    await waitUntil(() => pool.stats().queued === 1)
    const closing = pool.close()
    await expect(queued).rejects.toMatchObject({ code: 'EABORTED' })
    relay.releaseAll()
    await inFlight
    await closing
    expect(relay.connections[0]!.sent).toHaveLength(1)
  })
})

describe('pool close, called twice', () => {
  it('resolves both calls once the in-flight send finished', async () => {
    const relay = fakeRelay()
    relay.hold = true
    const pool = createSmtpPool({ host: '127.0.0.1', port: 1, size: 1, openConnection: relay.open })
    const inFlight = pool.send(message(0))
    await waitUntil(() => relay.held.length === 1)
    const first = pool.close()
    const second = pool.close()
    relay.releaseAll()
    await inFlight
    await Promise.all([first, second])
    expect(relay.connections[0]!.quits).toBe(1)
  })
})
