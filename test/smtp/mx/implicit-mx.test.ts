import { describe, expect, it } from 'vitest'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery to a domain without MX records', () => {
  const world = useMxWorld({ 'plain.test': { A: ['127.0.4.2'] } }, ['127.0.4.2'])

  it("delivers to the domain's own address (the implicit MX)", async () => {
    const result = await world.mailer().send(messageTo('bob@plain.test'))
    expect(world.mx().hosts['127.0.4.2']!.received).toHaveLength(1)
    expect(result.deliveries?.[0]).toMatchObject({ domain: 'plain.test', status: 'delivered', mx: 'plain.test' })
  })
})
