import { shown } from './fields.js'

/** One problem with one variable, as `loadConfig` reports it. */
interface Issue {
  variable: string
  message: string
}

/**
 * The PEM text of `SMTP_TLS_CA_FILE`, read with the runtime's file reader;
 * undefined when the variable is unset. A runtime without files, a file that
 * cannot be read or one without a PEM certificate is an issue on the
 * variable, pushed to `issues`.
 */
export function readCaFile(path: string | undefined, readFile: ((path: string) => string) | undefined, issues: Issue[]): string | undefined {
  if (path === undefined) return undefined
  if (!readFile) {
    issues.push({ variable: 'SMTP_TLS_CA_FILE', message: 'cannot be read in this runtime' })
    return undefined
  }
  try {
    const ca = readFile(path)
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) issues.push({ variable: 'SMTP_TLS_CA_FILE', message: `${shown(path)} holds no PEM certificate` })
    return ca
  } catch (e) {
    const reason = (e as { code?: unknown }).code
    issues.push({ variable: 'SMTP_TLS_CA_FILE', message: `cannot read ${shown(path)}${typeof reason === 'string' ? ` (${reason})` : ''}` })
    return undefined
  }
}
