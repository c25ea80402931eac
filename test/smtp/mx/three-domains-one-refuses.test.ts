import { describe, expect, it } from 'vitest'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery of one message to three domains, one of which refuses', () => {
  const world = useMxWorld(
    {
      'one.test': { MX: [[10, 'mx.one.test']] },
      'mx.one.test': { A: ['127.0.8.2'] },
      'two.test': { MX: [[10, 'mx.two.test']] },
      'mx.two.test': { A: ['127.0.8.3'] },
      'three.test': { MX: [[10, 'mx.three.test']] },
      'mx.three.test': { A: ['127.0.8.4'] },
    },
    ['127.0.8.2', '127.0.8.3', '127.0.8.4'],
  )

  it('holds one transaction per domain, and reports each domain; the refused recipients are listed', async () => {
    world.mx().hosts['127.0.8.4']!.rcpt = () => ({ code: 550, message: 'No such user here' })
    const result = await world.mailer().send(messageTo('a@one.test', 'b@two.test', 'c@three.test', 'a2@ONE.test'))
    const [one, two, three] = ['127.0.8.2', '127.0.8.3', '127.0.8.4'].map((a) => world.mx().hosts[a]!)
    expect(one!.received.map((m) => m.to)).toEqual([['a@one.test', 'a2@ONE.test']])
    expect(two!.received.map((m) => m.to)).toEqual([['b@two.test']])
    expect(three!.received).toHaveLength(0)
    expect(result.deliveries!.map((d) => [d.domain, d.status, d.mx])).toEqual([
      ['one.test', 'delivered', 'mx.one.test'],
      ['two.test', 'delivered', 'mx.two.test'],
      ['three.test', 'rejected', 'mx.three.test'],
    ])
    expect(result.accepted).toEqual(['a@one.test', 'a2@ONE.test', 'b@two.test'])
    expect(result.rejected).toEqual([{ email: 'c@three.test', code: 550, enhanced_code: '5.1.1', message: 'mx.three.test answered RCPT with 550 5.1.1 No such user here' }])
    // Several domains: no single queue id, and the response names each domain's answer.
    expect(result.queueId).toBeNull()
    expect(result.response.split('\n').map((l) => l.split(':')[0])).toEqual(['one.test', 'two.test', 'three.test'])
  })
})
