import { describe, expect, it } from 'vitest'
import { createBreaker, StoreUnavailableError, type StoreHealth } from '../../src/store/breaker.js'

function setup() {
  let t = 1_000
  const changes: StoreHealth[] = []
  const breaker = createBreaker({ name: 'redis', cooldownMs: 100, now: () => t, onChange: (h) => changes.push(h) })
  let calls = 0
  const failing = () => {
    calls++
    return Promise.reject(new Error('connect ECONNREFUSED'))
  }
  const working = () => {
    calls++
    return Promise.resolve('ok')
  }
  return { breaker, changes, advance: (ms: number) => (t += ms), calls: () => calls, failing, working }
}

describe('the store breaker', () => {
  it('opens on a failure, then fails at once without touching the store until the cooldown passes', async () => {
    const b = setup()
    await expect(b.breaker.run(b.failing)).rejects.toThrow('ECONNREFUSED')
    expect(b.breaker.health()).toMatchObject({ up: false, reason: 'connect ECONNREFUSED' })
    await expect(b.breaker.run(b.working)).rejects.toBeInstanceOf(StoreUnavailableError)
    await expect(b.breaker.run(b.working)).rejects.toMatchObject({ code: 'ESTORE_UNAVAILABLE' })
    expect(b.calls()).toBe(1)
  })

  it('after the cooldown one call probes the store: a success closes it, a failure opens it again', async () => {
    const b = setup()
    await b.breaker.run(b.failing).catch(() => {})
    b.advance(100)
    await expect(b.breaker.run(b.failing)).rejects.toThrow('ECONNREFUSED')
    await expect(b.breaker.run(b.working)).rejects.toBeInstanceOf(StoreUnavailableError)
    b.advance(100)
    await expect(b.breaker.run(b.working)).resolves.toBe('ok')
    expect(b.breaker.health()).toMatchObject({ up: true })
    expect(b.calls()).toBe(3)
  })

  it('lets only one probe through at a time', async () => {
    const b = setup()
    await b.breaker.run(b.failing).catch(() => {})
    b.advance(100)
    let finish: (v: string) => void = () => {}
    const probe = b.breaker.run(() => new Promise<string>((r) => (finish = r)))
    await expect(b.breaker.run(b.working)).rejects.toBeInstanceOf(StoreUnavailableError)
    finish('ok')
    await expect(probe).resolves.toBe('ok')
  })

  it('reports each outage once when it starts and once when it ends, however many calls fail between', async () => {
    const b = setup()
    for (let i = 0; i < 5; i++) await b.breaker.run(b.failing).catch(() => {})
    b.breaker.down('connection closed')
    b.breaker.up()
    b.breaker.up()
    expect(b.changes.map((h) => h.up)).toEqual([false, true])
  })
})
