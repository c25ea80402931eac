import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MxDeliveryError, type MxTlsPolicy } from '../../../src/smtp/mx/index.js'
import { MX_CA_FILE } from '../../helpers/mx-hosts.js'
import { messageTo, useMxWorld } from './mx-fixture.js'

const ca = readFileSync(MX_CA_FILE, 'utf8')

describe('MX_TLS: may, require and verify', () => {
  const world = useMxWorld(
    {
      // The MX hosts' certificate is for "localhost".
      'named.test': { MX: [[10, 'localhost']] },
      localhost: { A: ['127.0.9.2'] },
      'misnamed.test': { MX: [[10, 'mx.misnamed.test']] },
      'mx.misnamed.test': { A: ['127.0.9.2'] },
      'clear.test': { MX: [[10, 'mx.clear.test']] },
      'mx.clear.test': { A: ['127.0.9.3'] },
    },
    ['127.0.9.2', '127.0.9.3'],
    { noStarttls: ['127.0.9.3'] },
  )
  const tlsHost = () => world.mx().hosts['127.0.9.2']!
  const clearHost = () => world.mx().hosts['127.0.9.3']!
  const send = (tls: MxTlsPolicy, to: string) => world.mailer({ tls, ca }).send(messageTo(to))
  const failure = (tls: MxTlsPolicy, to: string) => send(tls, to).then(() => undefined, (e: unknown) => e as MxDeliveryError)

  it('may: uses STARTTLS when offered, whatever the certificate names, and clear text when it is not', async () => {
    await send('may', 'a@misnamed.test')
    expect(tlsHost().received.at(-1)).toMatchObject({ to: ['a@misnamed.test'], secure: true })
    await send('may', 'b@clear.test')
    expect(clearHost().received.at(-1)).toMatchObject({ to: ['b@clear.test'], secure: false })
  })

  it('require: insists on STARTTLS, not on the certificate; a host without it is deferred, not sent to in clear text', async () => {
    await send('require', 'c@misnamed.test')
    expect(tlsHost().received.at(-1)).toMatchObject({ to: ['c@misnamed.test'], secure: true })
    const before = clearHost().received.length
    const e = await failure('require', 'd@clear.test')
    expect(e).toBeInstanceOf(MxDeliveryError)
    expect(e!.code).toBe('EDEFERRED')
    expect(e!.deliveries[0]).toMatchObject({ status: 'deferred', mx: 'mx.clear.test', detail: expect.stringContaining('STARTTLS') })
    expect(clearHost().received.length).toBe(before)
  })

  it('verify: delivers when the certificate is valid for the MX host name, defers when it is not', async () => {
    await send('verify', 'e@named.test')
    expect(tlsHost().received.at(-1)).toMatchObject({ to: ['e@named.test'], secure: true })
    const before = tlsHost().received.length
    const e = await failure('verify', 'f@misnamed.test')
    expect(e?.code).toBe('EDEFERRED')
    expect(e!.deliveries[0]).toMatchObject({ status: 'deferred', mx: 'mx.misnamed.test', detail: expect.stringMatching(/certificate|altname|ERR_TLS_CERT/i) })
    expect(tlsHost().received.length).toBe(before)
  })
})
