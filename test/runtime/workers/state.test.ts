import { describe, expect, it } from 'vitest'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { postJson, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const API_KEY = 'workers-state-key'

/**
 * Idempotency keys and rate limits on Workers. Two Workers in one workerd are
 * two isolates, as two locations of one deployment would be: with
 * `MAILBRIDGE_STATE` bound to the same Durable Object namespace they share
 * claims and buckets (the Redis semantics); without it each keeps its own.
 */
describe('dist/worker.js on workerd: shared state through the MailbridgeState Durable Object', () => {
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay({}, { dataReplyDelayMs: () => 600 }), (r) => r.stop())
  const workerd = useStarted(() => {
    const vars = { ...relayVariables(relay()), API_KEYS: API_KEY }
    const limited = { ...vars, RATE_LIMIT_PER_MINUTE: '2' }
    return startWorkerd(`${bundle().dir}/worker.js`, {
      a: { vars, state: true },
      b: { vars, state: 'a' },
      ra: { vars: limited, state: true },
      rb: { vars: limited, state: 'ra' },
      lone1: { vars },
      lone2: { vars },
    })
  }, (w) => w.stop())

  const send = (worker: string, key: string, body = sendBody()) =>
    postJson(`${workerd().urls[worker]}/send`, body, { apiKey: API_KEY, headers: { 'idempotency-key': key } })

  it('one send for two requests with the same Idempotency-Key, each to another isolate: the second is the first replayed', async () => {
    const body = sendBody({ subject: 'once through the Durable Object' })
    const before = relay().received.length
    const first = await send('a', 'key-shared-1', body)
    expect(first.status).toBe(200)
    const second = await send('b', 'key-shared-1', body)
    expect(second.status).toBe(200)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await second.json()).toEqual(await first.json())
    expect(relay().received.length - before).toBe(1)
  })

  it('the same key with another body is refused, from either isolate', async () => {
    await send('a', 'key-shared-2', sendBody({ subject: 'one' }))
    const res = await send('b', 'key-shared-2', sendBody({ subject: 'two' }))
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'idempotency_key_reused' })
  })

  it('while the first request is still sending, the same key from the other isolate gets 409 idempotency_in_progress', async () => {
    const body = sendBody({ subject: 'concurrent' })
    const sessions = relay().sessions
    const first = send('a', 'key-shared-3', body)
    // The key is claimed before the relay is contacted; the relay then holds the final reply 600 ms.
    await expect.poll(() => relay().sessions, { timeout: 10_000 }).toBeGreaterThan(sessions)
    const second = await send('b', 'key-shared-3', body)
    expect(second.status).toBe(409)
    expect(await second.json()).toMatchObject({ code: 'idempotency_in_progress' })
    expect((await first).status).toBe(200)
  })

  it('a rate limit is one bucket for every isolate', async () => {
    const statuses = []
    for (const worker of ['ra', 'rb', 'ra']) statuses.push((await postJson(`${workerd().urls[worker]}/send`, sendBody(), { apiKey: API_KEY })).status)
    expect(statuses).toEqual([200, 200, 429])
  })

  it('without the binding, each isolate keeps its own keys (the documented default): the same key sends twice', async () => {
    const body = sendBody({ subject: 'per isolate' })
    const before = relay().received.length
    expect((await send('lone1', 'key-lone', body)).status).toBe(200)
    const again = await send('lone2', 'key-lone', body)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    expect(relay().received.length - before).toBe(2)
    const replay = await send('lone2', 'key-lone', body)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
  })
})
