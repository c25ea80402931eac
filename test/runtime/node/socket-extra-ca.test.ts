import { afterAll, describe, expect, it, vi } from 'vitest'
import { startRelay, type Relay } from '../../helpers/smtp-server-relay.js'
import { otherCert, otherKey, testCert, testKey } from '../../helpers/tls.js'
import { smtpFailure } from '../../smtp/smtp-failure.js'

// SMTP_TLS_CA_FILE is an *extra* trusted bundle: a relay with a public
// certificate must still verify when it is set (the fallback relay shares it).
// Node's `ca` option replaces the default roots, so the transport must add the
// bundle to them. Here the "public" root is the `other` fixture, made a default
// root by mocking `rootCertificates` and the default context's trust; the private
// CA is the test certificate.
vi.mock('node:tls', async (importOriginal) => {
  const tls = await importOriginal<typeof import('node:tls')>()
  const { readFileSync } = await import('node:fs')
  const other = readFileSync(new URL('../../fixtures/tls/other-cert.pem', import.meta.url), 'utf8')
  const rootCertificates = [...tls.rootCertificates, other]
  const createSecureContext: typeof tls.createSecureContext = (options) => tls.createSecureContext(options ?? { ca: rootCertificates })
  return { ...tls, rootCertificates, createSecureContext }
})

const { createNodeSocket } = await import('../../../src/runtime/node/socket.js')

const relays: Relay[] = []
afterAll(async () => {
  for (const r of relays) await r.stop()
})

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'))

describe('an extra CA bundle', () => {
  it('still trusts a default root (implicit TLS and STARTTLS)', async () => {
    const implicit = await startRelay({ secure: true, key: otherKey, cert: otherCert })
    const plain = await startRelay({ key: otherKey, cert: otherCert })
    relays.push(implicit, plain)
    const common = { host: '127.0.0.1', servername: 'untrusted.invalid', ca: testCert }
    const a = await createNodeSocket({ ...common, port: implicit.port, implicitTls: true })
    expect(a.secure).toBe(true)
    expect(text(await a.read())).toMatch(/^220 /)
    a.close()

    const b = await createNodeSocket({ ...common, port: plain.port })
    expect(text(await b.read())).toMatch(/^220 /)
    await b.write('EHLO client.test\r\n')
    let ehlo = ''
    while (!/^250 /m.test(ehlo)) ehlo += text(await b.read())
    await b.write('STARTTLS\r\n')
    expect(text(await b.read())).toMatch(/^220 /)
    await b.startTls()
    expect(b.secure).toBe(true)
    b.close()
  })

  it('trusts the extra CA itself, and nothing else', async () => {
    const good = await startRelay({ secure: true, key: testKey, cert: testCert })
    relays.push(good)
    const s = await createNodeSocket({ host: '127.0.0.1', port: good.port, implicitTls: true, ca: testCert })
    expect(text(await s.read())).toMatch(/^220 /)
    s.close()
    // A default root does not vouch for a name it was not issued for.
    const err = await smtpFailure(createNodeSocket({ host: '127.0.0.1', port: relays[0]!.port, implicitTls: true, ca: testCert }))
    expect(err).toMatchObject({ code: 'ETLS', transient: false })
  })
})
