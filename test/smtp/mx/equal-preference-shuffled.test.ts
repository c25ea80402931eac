import { describe, expect, it } from 'vitest'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery to MX hosts of equal preference', () => {
  const world = useMxWorld(
    {
      'equal.test': { MX: [[10, 'a.equal.test'], [10, 'b.equal.test']] },
      'a.equal.test': { A: ['127.0.3.2'] },
      'b.equal.test': { A: ['127.0.3.3'] },
    },
    ['127.0.3.2', '127.0.3.3'],
  )

  it('spreads messages over them in the random order RFC 5321 asks for', async () => {
    // The first random number goes to the first record, the second to the other: low first wins.
    for (const values of [[0.1, 0.9], [0.9, 0.1], [0.2, 0.8]]) {
      let i = 0
      await world.mailer({ random: () => values[i++ % 2]! }).send(messageTo('bob@equal.test'))
    }
    const a = world.mx().hosts['127.0.3.2']!.received.length
    const b = world.mx().hosts['127.0.3.3']!.received.length
    expect(a + b).toBe(3)
    expect([a, b].sort()).toEqual([1, 2])
  })
})
