import { describe, expect, it } from 'vitest'
import { smtpFailure } from '../../../src/http/smtp-problem.js'
import { MxDeliveryError } from '../../../src/smtp/mx/index.js'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('direct delivery to an MX host that greylists', () => {
  const world = useMxWorld(
    {
      'grey.test': { MX: [[10, 'mx1.grey.test'], [20, 'mx2.grey.test']] },
      'mx1.grey.test': { A: ['127.0.7.2'] },
      'mx2.grey.test': { A: ['127.0.7.3'] },
    },
    ['127.0.7.2', '127.0.7.3'],
  )

  it('answers 503 with Retry-After: the message was not delivered and not queued', async () => {
    world.mx().hosts['127.0.7.2']!.rcpt = () => ({ code: 451, message: 'Greylisted, try again in 5 minutes' })
    const e = (await world.mailer().send(messageTo('bob@grey.test')).catch((x: unknown) => x)) as MxDeliveryError
    expect(e).toBeInstanceOf(MxDeliveryError)
    expect([e.code, e.responseCode, e.command]).toEqual(['EDEFERRED', 451, 'RCPT'])
    expect(e.deliveries[0]).toMatchObject({ domain: 'grey.test', status: 'deferred', mx: 'mx1.grey.test', accepted: [] })
    // A recipient's 4xx is the domain's answer: the backup MX is not asked to take what the primary greylisted.
    expect(world.mx().hosts['127.0.7.3']!.sessions).toBe(0)
    expect(world.mx().hosts['127.0.7.2']!.received).toHaveLength(0)
    const outcome = smtpFailure(e)
    expect(outcome.problem).toMatchObject({ status: 503, code: 'relay_busy', smtp: { code: 451, command: 'RCPT' } })
    expect(outcome.headers).toEqual({ 'Retry-After': '300' })
    expect(outcome.problem.detail).toMatch(/^Not delivered now to grey\.test \(mx1\.grey\.test answered RCPT with 451 [\d.]+ Greylisted.*\), and not queued: send it again later/)
  })
})
