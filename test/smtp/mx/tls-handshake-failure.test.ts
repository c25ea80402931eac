import { describe, expect, it } from 'vitest'
import { MxDeliveryError } from '../../../src/smtp/mx/index.js'
import { messageTo, useMxWorld } from './mx-fixture.js'

describe('an MX host whose STARTTLS handshake fails', () => {
  const world = useMxWorld({ 'old.test': { MX: [[10, 'mx.old.test']] }, 'mx.old.test': { A: ['127.0.14.2'] } }, ['127.0.14.2'], { brokenTls: ['127.0.14.2'] })
  const host = () => world.mx().hosts['127.0.14.2']!

  it('MX_TLS=may: connects again and delivers in clear text, as Postfix does', async () => {
    const sessions = host().sessions
    const result = await world.mailer({ tls: 'may' }).send(messageTo('bob@old.test'))
    expect(result.deliveries?.[0]?.status).toBe('delivered')
    expect(host().received.at(-1)).toMatchObject({ to: ['bob@old.test'], secure: false })
    expect(host().sessions - sessions).toBe(2)
  })

  it('MX_TLS=require: defers rather than send in clear text', async () => {
    const before = host().received.length
    const e = await world.mailer({ tls: 'require' }).send(messageTo('bob@old.test')).then(() => undefined, (x: unknown) => x as MxDeliveryError)
    expect(e?.code).toBe('EDEFERRED')
    expect(host().received.length).toBe(before)
  })
})
