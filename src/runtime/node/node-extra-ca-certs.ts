import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'

const BEGIN = '-----BEGIN CERTIFICATE-----'
const END = '-----END CERTIFICATE-----'

/**
 * The last 64 base64 characters of the PEM certificate whose END line starts
 * at `end` in `text`, whatever its line breaks: the end of its signature
 * (48 bytes), which tells certificates apart. Cheap where comparing whole
 * bodies is not: a system bundle holds ~140 certificates, on the path of the
 * first STARTTLS.
 */
function signatureTail(text: string, end: number): string {
  return text.slice(Math.max(0, end - 96), end).replace(/\s+/g, '').slice(-64)
}

/** The signature tails of Node's bundled roots, read once. */
let bundledTails: Set<string> | undefined

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
  if (storeStartsFromBundledRoots(env)) text = withoutBundledRoots(text)
  return text.includes('-----BEGIN') ? [text] : []
}

/**
 * `text` less the certificates among Node's bundled roots, known by their
 * signature's end ({@link signatureTail}); anything else in it (other PEM
 * blocks, comments) is left as it is. A block with a `-` between its BEGIN
 * and END lines (one missing its END line, a damaged body) is not a
 * certificate and stays where it is: OpenSSL stops reading there, as Node
 * did at start, so what follows it is not trusted here either.
 */
function withoutBundledRoots(text: string): string {
  bundledTails ??= new Set(rootCertificates.map((pem) => signatureTail(pem, pem.lastIndexOf(END))))
  let kept = ''
  let from = 0
  for (let begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, from)) {
    const body = begin + BEGIN.length
    const end = text.indexOf(END, body)
    if (end < 0) break
    const whole = text.indexOf('-', body) === end
    const after = whole ? end + END.length : body
    kept += text.slice(from, begin)
    if (!whole || !bundledTails.has(signatureTail(text, end))) kept += text.slice(begin, after)
    from = after
  }
  return kept + text.slice(from)
}
