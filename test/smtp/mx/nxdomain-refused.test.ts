import { describe, expect, it } from 'vitest'
import { smtpFailure } from '../../../src/http/smtp-problem.js'
import { MxDeliveryError } from '../../../src/smtp/mx/index.js'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery to a domain that does not exist', () => {
  const world = useMxWorld({}, ['127.0.6.2'])

  it('is refused with 5.1.2 (NXDOMAIN); the caller gets 422 naming the domain', async () => {
    const e = (await world.mailer().send(messageTo('bob@nowhere.test')).catch((x: unknown) => x)) as MxDeliveryError
    expect(e).toBeInstanceOf(MxDeliveryError)
    expect([e.code, e.enhancedCode]).toEqual(['ENODOMAIN', '5.1.2'])
    const { problem } = smtpFailure(e)
    expect(problem).toMatchObject({ status: 422, code: 'smtp_rejected', deliveries: [{ domain: 'nowhere.test', status: 'rejected', mx: null }] })
    expect(problem.detail).toContain('nowhere.test does not exist (NXDOMAIN)')
  })
})
