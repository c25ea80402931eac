import { describe, expect, it } from 'vitest'
import { createMemoryIdempotencyStore } from '../../src/store/memory-idempotency.js'
import { postJson, testApp, validMail } from './fake-mailer.js'

const DAY_MS = 24 * 60 * 60 * 1000

describe('POST /send with Idempotency-Key: the default replay window', () => {
  it('replays a success for 24 hours when the app is given no TTL, then sends again', async () => {
    let now = 1_000_000
    const { app, mailer } = testApp({ idempotencyStore: createMemoryIdempotencyStore({ now: () => now }) })
    const send = () => app.request('/send', postJson(validMail(), { 'Idempotency-Key': 'daily-digest' }))

    expect((await send()).status).toBe(200)
    now += DAY_MS - 1
    const replay = await send()
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(mailer.sent).toHaveLength(1)

    now += 1
    const fresh = await send()
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('Idempotent-Replayed')).toBeNull()
    expect(mailer.sent).toHaveLength(2)
  })
})
