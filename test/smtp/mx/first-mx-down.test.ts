import { describe, expect, it } from 'vitest'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery when the preferred MX host is down', () => {
  const world = useMxWorld(
    {
      'two.test': { MX: [[10, 'mx1.two.test'], [20, 'mx2.two.test']] },
      // Nothing listens on 127.0.0.250: the preferred host is down.
      'mx1.two.test': { A: ['127.0.0.250'] },
      'mx2.two.test': { A: ['127.0.2.3'] },
    },
    ['127.0.2.3'],
  )

  it('tries the next MX host and delivers there, saying which host took it', async () => {
    const result = await world.mailer().send(messageTo('bob@two.test'))
    const host = world.mx().hosts['127.0.2.3']!
    expect(host.received).toHaveLength(1)
    expect(host.received[0]!.to).toEqual(['bob@two.test'])
    expect(result.deliveries).toEqual([
      { domain: 'two.test', status: 'delivered', mx: 'mx2.two.test', queueId: host.received[0]!.queueId, accepted: ['bob@two.test'], rejected: [], response: result.response },
    ])
    expect(result.queueId).toBe(host.received[0]!.queueId)
    expect(result.response).toMatch(/^250 .*queued as/)
  })
})
