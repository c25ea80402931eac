import { readFileSync } from 'node:fs'

let cached: { file: string | undefined; pems: string[] } | undefined

/**
 * The certificates of `NODE_EXTRA_CA_CERTS` (PEM text), which Node adds to
 * its default trust at start; none when the variable is unset or the file
 * cannot be read (Node then warns at start and goes on without it). A
 * context given more certificates with `addCACert` gets a fresh copy of the
 * root certificates without them (Node 20), so whoever builds one reads them
 * here to keep trusting what a default connection trusts.
 *
 * @example
 * ```ts
 * for (const pem of nodeExtraCaCerts()) native.addCACert(pem)
 * ```
 */
export function nodeExtraCaCerts(env: Record<string, string | undefined> = process.env): string[] {
  const file = env.NODE_EXTRA_CA_CERTS || undefined
  if (cached !== undefined && cached.file === file) return cached.pems
  let pems: string[] = []
  if (file !== undefined) {
    try {
      pems = [readFileSync(file, 'utf8')]
    } catch {
      pems = []
    }
  }
  cached = { file, pems }
  return pems
}
