import { describe, expect, it } from 'vitest'
import { smtpFailure } from '../../../src/http/smtp-problem.js'
import { MxDeliveryError } from '../../../src/smtp/mx/index.js'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery to a domain with a null MX (RFC 7505)', () => {
  // The domain also has an A record on a listening host: it must not be used.
  const world = useMxWorld({ 'nomail.test': { MX: [[0, '.']], A: ['127.0.5.2'] } }, ['127.0.5.2'])

  it('is refused at once with 556 5.1.10, without connecting anywhere; the caller gets 422', async () => {
    const err = await world.mailer().send(messageTo('bob@nomail.test')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MxDeliveryError)
    const e = err as MxDeliveryError
    expect([e.code, e.responseCode, e.enhancedCode]).toEqual(['ENULLMX', 556, '5.1.10'])
    expect(e.deliveries).toEqual([
      expect.objectContaining({ domain: 'nomail.test', status: 'rejected', mx: null, rejected: [expect.objectContaining({ email: 'bob@nomail.test', code: 556, enhanced_code: '5.1.10' })] }),
    ])
    expect(world.mx().hosts['127.0.5.2']!.sessions).toBe(0)
    const { problem } = smtpFailure(e)
    expect(problem).toMatchObject({ status: 422, code: 'smtp_rejected', smtp: { code: 556, enhanced_code: '5.1.10' } })
    expect(problem.detail).toMatch(/nomail\.test accepts no mail: it publishes a null MX/)
  })
})
