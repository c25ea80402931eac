import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { startRelay, type Relay } from '../../helpers/smtp-server-relay.js'
import { otherCert, otherKey, testCert, testKey } from '../../helpers/tls.js'
import { CA_FILE, leafCert, leafKey } from '../support/tls.js'
import { spawnMailbridge } from './mailbridge-process.js'

const SELF_SIGNED = fileURLToPath(new URL('../../fixtures/tls/cert.pem', import.meta.url))

const relays: Relay[] = []
afterAll(async () => {
  for (const r of relays) await r.stop()
})

/**
 * `SMTP_TLS_CA_FILE` adds to what Node trusts by default, with no mock of
 * that default: in a process started with `NODE_EXTRA_CA_CERTS`, a relay
 * whose certificate only that variable vouches for still verifies, the CA
 * file's relay verifies too, and a certificate neither vouches for does not.
 */
describe('SMTP_TLS_CA_FILE beside NODE_EXTRA_CA_CERTS', () => {
  it('trusts both, and nothing else', async () => {
    const byExtraCerts = await startRelay({ secure: true, key: testKey, cert: testCert })
    const byCaFile = await startRelay({ secure: true, key: leafKey, cert: leafCert })
    const byNothing = await startRelay({ secure: true, key: otherKey, cert: otherCert })
    relays.push(byExtraCerts, byCaFile, byNothing)
    const probe = spawnMailbridge('test/runtime/node/extra-ca-probe.ts', [CA_FILE, ...relays.map((r) => String(r.port))], { NODE_EXTRA_CA_CERTS: SELF_SIGNED })
    const code = await new Promise((resolve) => probe.child.once('exit', resolve))
    expect(code, probe.stderr()).toBe(0)
    expect(JSON.parse(probe.stdout())).toEqual({
      [byExtraCerts.port]: 'ok',
      [byCaFile.port]: 'ok',
      [byNothing.port]: 'ETLS',
    })
  })
})
