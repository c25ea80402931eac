import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'

/** A certificate's base64 DER, whatever its PEM line breaks: equal for the same certificate. */
const der = (pem: string): string => pem.replace(/-----[^-]*-----|\s+/g, '')

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g

/**
 * Whether a fresh certificate store starts from Node's bundled roots
 * (`tls.rootCertificates`), as it does unless Node uses OpenSSL's own store
 * (`--use-openssl-ca`, or a Node built that way).
 */
function storeStartsFromBundledRoots(env: Record<string, string | undefined>): boolean {
  const flags = [...process.execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)]
  const variables = (process.config as { variables?: Record<string, unknown> }).variables ?? {}
  return !flags.includes('--use-openssl-ca') && variables.node_use_openssl_ca !== true && variables.node_use_openssl_ca !== 1
}

/**
 * The certificates of `NODE_EXTRA_CA_CERTS` (PEM text), which Node adds to its default trust at start, less those among
 * Node's bundled roots; none when the variable is unset or the file cannot
 * be read (Node then warns at start and goes on without it). A context
 * given more certificates with `addCACert` gets a fresh copy of the root
 * certificates without them (Node 20), so whoever builds one reads them here
 * to keep trusting what a default connection trusts (socket.ts, once per
 * context it builds). The fresh copy holds the bundled roots already: a system bundle named there (144 certificates
 * on Debian, most of them Node's roots too) would otherwise be parsed again
 * whole, ~18 ms on the path of the first STARTTLS.
 *
 * @example
 * ```ts
 * for (const pem of nodeExtraCaCerts()) native.addCACert(pem)
 * ```
 */
export function nodeExtraCaCerts(env: Record<string, string | undefined> = process.env): string[] {
  const file = env.NODE_EXTRA_CA_CERTS
  if (!file) return []
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  if (storeStartsFromBundledRoots(env)) {
    // Anything else in the file (other PEM blocks, comments) is left as it is.
    const bundled = new Set(rootCertificates.map(der))
    text = text.replace(PEM_CERTIFICATE, (pem) => (bundled.has(der(pem)) ? '' : pem))
  }
  return text.includes('-----BEGIN') ? [text] : []
}
