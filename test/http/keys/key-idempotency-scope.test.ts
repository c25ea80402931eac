import { describe, expect, it } from 'vitest'
import { frontendsApp, withKey } from '../../helpers/frontends-app.js'
import { validMail } from '../fake-mailer.js'

describe('idempotency is scoped to each key', () => {
  it('replays a repeat with the same key, and runs the same Idempotency-Key with another key on its own', async () => {
    const { app, mailer } = frontendsApp({ keys: [{ name: 'a', secret: 'env:A' }, { name: 'b', secret: 'env:B' }] }, { A: 'key-a', B: 'key-b' })
    const headers = { 'Idempotency-Key': 'order-1' }
    const first = await app.request('/send', withKey('key-a', validMail(), headers))
    const again = await app.request('/send', withKey('key-a', validMail(), headers))
    const other = await app.request('/send', withKey('key-b', validMail(), headers))
    expect([first.status, again.status, other.status]).toEqual([200, 200, 200])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(other.headers.get('idempotent-replayed')).toBeNull()
    expect((await again.json()).message_id).toBe((await first.json()).message_id)
    expect(mailer.sent).toHaveLength(2)
  })
})
