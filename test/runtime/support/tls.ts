import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../../fixtures/tls/', import.meta.url))

/**
 * A test CA and a leaf certificate it signed for `localhost` and `127.0.0.1`
 * (Deno and workerd refuse a self-signed certificate that is its own CA).
 * How they were made: test/fixtures/tls/README.md.
 */
export const CA_FILE = `${dir}ca.pem`
export const caCert = readFileSync(CA_FILE, 'utf8')
export const leafCert = readFileSync(`${dir}leaf-cert.pem`, 'utf8')
export const leafKey = readFileSync(`${dir}leaf-key.pem`, 'utf8')
