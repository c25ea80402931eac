import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../fixtures/tls/', import.meta.url))

/** Self-signed test certificate for CN=localhost / 127.0.0.1 (test use only). */
export const testKey = readFileSync(dir + 'key.pem', 'utf8')
export const testCert = readFileSync(dir + 'cert.pem', 'utf8')
/** A certificate for another name, signed by nobody we trust. */
export const otherKey = readFileSync(dir + 'other-key.pem', 'utf8')
export const otherCert = readFileSync(dir + 'other-cert.pem', 'utf8')
