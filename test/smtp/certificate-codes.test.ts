import { describe, expect, it } from 'vitest'
import { isCertificateCode } from '../../src/smtp/failure.js'

describe('one classifier for certificate failures (transport, retries, failover)', () => {
  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'HOSTNAME_MISMATCH',
  ])('%s is a certificate problem (permanent)', (code) => {
    expect(isCertificateCode(code)).toBe(true)
  })

  it.each(['ERR_SSL_WRONG_VERSION_NUMBER', 'ECONNRESET', 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'EPIPE'])(
    '%s is not (a retry may succeed)',
    (code) => {
      expect(isCertificateCode(code)).toBe(false)
    },
  )
})
