import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { nodeExtraCaCerts } from '../../../src/runtime/node/node-extra-ca-certs.js'
import { useTempDir } from '../../helpers/fixture.js'

const SELF_SIGNED = readFileSync(fileURLToPath(new URL('../../fixtures/tls/cert.pem', import.meta.url)), 'utf8')

/**
 * A `NODE_EXTRA_CA_CERTS` bundle that repeats Node's bundled roots (a
 * system bundle does) gives back only what those roots lack: the roots are
 * in every fresh store already, and parsing them again cost the first
 * STARTTLS ~18 ms. A root with other line breaks is the same certificate.
 * Roots are known by their signature's end, without comparing whole bodies.
 * Under OpenSSL's own store (`--use-openssl-ca`) a fresh store starts from
 * the system's certificates instead, so nothing is left out.
 */
describe('NODE_EXTRA_CA_CERTS beside the bundled roots', () => {
  const dir = useTempDir('mailbridge-extra-ca-')

  it('keeps the certificates the bundled roots lack, and only those', () => {
    const rewrapped = rootCertificates[1]!.replace(/\n/g, '\r\n')
    const file = join(dir(), 'bundle.pem')
    writeFileSync(file, `# system bundle\n${rootCertificates[0]}\n${SELF_SIGNED}\n${rewrapped}\n`)
    const [text, ...more] = nodeExtraCaCerts({ NODE_EXTRA_CA_CERTS: file })
    expect(more).toEqual([])
    expect(text).toContain(SELF_SIGNED.trim())
    expect(text!.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(1)
  })

  it('knows every bundled root folded at 64 columns, as system bundles hold them, and keeps the one certificate among them that is not a root', () => {
    const fold = (pem: string) => {
      const body = pem.replace(/-----[^-]*-----|\s+/g, '')
      return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`
    }
    const file = join(dir(), 'system.pem')
    const folded = rootCertificates.map(fold)
    writeFileSync(file, [...folded.slice(0, 60), SELF_SIGNED.trim(), ...folded.slice(60)].join('\n'))
    const [text, ...more] = nodeExtraCaCerts({ NODE_EXTRA_CA_CERTS: file })
    expect(more).toEqual([])
    expect(text!.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(1)
    expect(text).toContain(SELF_SIGNED.trim())
  })

  it('leaves a block OpenSSL cannot read where it is, so nothing after it is trusted that Node, stopping there, does not trust', () => {
    const truncated = '-----BEGIN CERTIFICATE-----\nMIIBtruncated\n'
    const [root, other] = [rootCertificates[1]!, rootCertificates[2]!]
    const lines = other.split('\n')
    const damaged = [...lines.slice(0, 3), `${lines[3]!.slice(0, 10)}-${lines[3]!.slice(11)}`, ...lines.slice(4)].join('\n')
    const file = join(dir(), 'damaged.pem')
    writeFileSync(file, `${rootCertificates[0]}\n${truncated}${root}\n${damaged}\n${SELF_SIGNED}`)
    const [text, ...more] = nodeExtraCaCerts({ NODE_EXTRA_CA_CERTS: file })
    expect(more).toEqual([])
    expect(text).toContain(truncated)
    expect(text).toContain(damaged)
    expect(text).toContain(SELF_SIGNED.trim())
    expect(text).not.toContain(rootCertificates[0]!.trim())
    expect(text!.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3)
  })

  it('gives nothing for a bundle of bundled roots alone', () => {
    const file = join(dir(), 'roots.pem')
    writeFileSync(file, rootCertificates.slice(0, 5).join('\n'))
    expect(nodeExtraCaCerts({ NODE_EXTRA_CA_CERTS: file })).toEqual([])
  })

  it('keeps every certificate when Node uses the OpenSSL store, whose fresh copies lack the bundled roots', () => {
    const file = join(dir(), 'openssl.pem')
    writeFileSync(file, `${rootCertificates[0]}
${SELF_SIGNED}
`)
    const [text, ...more] = nodeExtraCaCerts({ NODE_EXTRA_CA_CERTS: file, NODE_OPTIONS: '--max-old-space-size=256 --use-openssl-ca' })
    expect(more).toEqual([])
    expect(text!.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2)
    expect(text).toContain(rootCertificates[0]!.trim())
  })
})
