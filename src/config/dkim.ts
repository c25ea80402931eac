import { DkimKeyError, inspectPrivateKey, type DkimPrivateKey } from '../mail/dkim/index.js'
import { shown } from './fields.js'

/**
 * The DKIM settings: `DKIM_DOMAIN`, `DKIM_SELECTOR` and `DKIM_PRIVATE_KEY`
 * (or `DKIM_PRIVATE_KEY_FILE`) for one signing domain, `DKIM_KEYS` for more,
 * and `DKIM_EXPIRE_SECONDS`. Keys are checked here (PKCS#8, RSA of 2048 bits
 * or more, or Ed25519) and never echoed.
 */

/** The variables this file reads, in the order `docs/configuration.md` lists them. */
export const DKIM_VARIABLES = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY', 'DKIM_PRIVATE_KEY_FILE', 'DKIM_KEYS', 'DKIM_EXPIRE_SECONDS'] as const

/** One signing identity. */
export interface DkimKeyConfig {
  /** `d=`, in lower case ASCII. */
  domain: string
  /** `s=`: the key's DNS record is `<selector>._domainkey.<domain>`. */
  selector: string
  /** The checked private key; shows only its type and size when printed. */
  privateKey: DkimPrivateKey
}

/** What mailbridge signs with. */
export interface DkimConfig {
  /** At least one; the first also signs mail from domains no key is for. */
  keys: DkimKeyConfig[]
  /** `DKIM_EXPIRE_SECONDS`: the `x=` of each signature, this long after `t=`; undefined: none. */
  expireSeconds: number | undefined
}

/** One problem with one variable (the shape of `ConfigIssue`). */
interface Issue {
  variable: string
  message: string
}

/** An ASCII domain name of two or more labels. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
/** RFC 6376 §3.1: one or more sub-domains separated by dots. */
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
const MAX_EXPIRE = 31_536_000

function domainProblem(domain: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(domain)) return `must be an ASCII domain name (write an internationalised one as its xn-- A-labels), got ${shown(domain)}`
  return DOMAIN.test(domain) ? undefined : `must be a domain name like example.com, got ${shown(domain)}`
}

/**
 * The DKIM settings of `environment`, pushing one issue per problem onto
 * `issues`. Undefined when DKIM is not configured or a variable is wrong.
 * `readFile` reads `DKIM_PRIVATE_KEY_FILE` and `private_key_file` entries.
 */
export function readDkimConfig(
  environment: Readonly<Record<string, string | undefined>>,
  readFile: ((path: string) => string) | undefined,
  issues: Issue[],
): DkimConfig | undefined {
  const get = (name: string) => {
    const v = environment[name]?.trim()
    return v === '' ? undefined : v
  }
  const before = issues.length
  const keys: DkimKeyConfig[] = []
  const privateKey = (variable: string, pem: string | undefined, file: string | undefined, entry = ''): DkimPrivateKey | undefined => {
    let text = pem
    if (file !== undefined) {
      if (!readFile) {
        issues.push({ variable, message: `${entry}cannot read a key file in this runtime; give the key itself` })
        return undefined
      }
      try {
        text = readFile(file)
      } catch (e) {
        const reason = (e as { code?: unknown }).code
        // A key pasted where its path belongs must not be echoed back.
        const what = /-----BEGIN/.test(file) ? 'the file: the value holds a PEM key, not a path' : shown(file)
        issues.push({ variable, message: `${entry}cannot read ${what}${typeof reason === 'string' ? ` (${reason})` : ''}` })
        return undefined
      }
    }
    try {
      return inspectPrivateKey(text ?? '')
    } catch (e) {
      if (!(e instanceof DkimKeyError)) throw e
      issues.push({ variable, message: `${entry}${entry === '' ? '' : 'the key '}${e.message}` })
      return undefined
    }
  }

  const domain = get('DKIM_DOMAIN')
  const selector = get('DKIM_SELECTOR')
  const pem = get('DKIM_PRIVATE_KEY')
  const file = get('DKIM_PRIVATE_KEY_FILE')
  if (pem !== undefined && file !== undefined) issues.push({ variable: 'DKIM_PRIVATE_KEY_FILE', message: 'cannot be set with DKIM_PRIVATE_KEY: give the key one way' })
  const single = { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY: pem ?? file }
  const missing = Object.entries(single).filter(([, v]) => v === undefined).map(([n]) => n)
  if (missing.length > 0 && missing.length < 3) {
    for (const variable of missing)
      issues.push({ variable, message: `is needed with ${Object.keys(single).filter((n) => !missing.includes(n)).join(' and ')}${variable === 'DKIM_PRIVATE_KEY' ? ' (or DKIM_PRIVATE_KEY_FILE)' : ''}: DKIM signs with a domain, a selector and a key` })
  }
  if (domain !== undefined) {
    const problem = domainProblem(domain)
    if (problem) issues.push({ variable: 'DKIM_DOMAIN', message: problem })
  }
  if (selector !== undefined && !SELECTOR.test(selector))
    issues.push({ variable: 'DKIM_SELECTOR', message: `must be a DNS label or dotted labels like mail or 2024.mail, got ${shown(selector)}` })
  if (missing.length === 0 && issues.length === before) {
    const key = privateKey(file !== undefined ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY', pem, file)
    if (key) keys.push({ domain: domain!.toLowerCase(), selector: selector!, privateKey: key })
  }

  keys.push(...readKeyList(get('DKIM_KEYS'), privateKey, issues))
  const seen = new Set<string>()
  for (const key of keys) {
    if (seen.has(key.domain)) issues.push({ variable: 'DKIM_KEYS', message: `lists ${key.domain} twice (with DKIM_DOMAIN, or in two entries): one key per domain` })
    seen.add(key.domain)
  }

  const expire = get('DKIM_EXPIRE_SECONDS')
  let expireSeconds: number | undefined
  if (expire !== undefined) {
    expireSeconds = /^\d+$/.test(expire) ? Number(expire) : NaN
    if (!(expireSeconds >= 60 && expireSeconds <= MAX_EXPIRE))
      issues.push({ variable: 'DKIM_EXPIRE_SECONDS', message: `must be an integer from 60 to ${MAX_EXPIRE}, got ${shown(expire)}` })
    else if (keys.length === 0 && issues.length === before)
      issues.push({ variable: 'DKIM_EXPIRE_SECONDS', message: 'needs a DKIM key (DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY, or DKIM_KEYS)' })
  }
  if (issues.length > before || keys.length === 0) return undefined
  return { keys, expireSeconds }
}

/** The entries of `DKIM_KEYS`: a JSON array of `{ domain, selector, private_key | private_key_file }`. */
function readKeyList(
  json: string | undefined,
  privateKey: (variable: string, pem: string | undefined, file: string | undefined, entry: string) => DkimPrivateKey | undefined,
  issues: Issue[],
): DkimKeyConfig[] {
  if (json === undefined) return []
  const shape = 'a JSON array of {"domain", "selector", "private_key" or "private_key_file"}'
  let list: unknown
  try {
    list = JSON.parse(json)
  } catch {
    // JSON.parse quotes the text it fails on, and this text holds private keys.
    issues.push({ variable: 'DKIM_KEYS', message: `is not valid JSON; it must be ${shape}` })
    return []
  }
  if (!Array.isArray(list) || list.length === 0) {
    issues.push({ variable: 'DKIM_KEYS', message: `must be ${shape}, with at least one entry` })
    return []
  }
  const keys: DkimKeyConfig[] = []
  list.forEach((item: unknown, i) => {
    const entry = `entry ${i + 1}: `
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
    const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string).trim() : undefined)
    const unknown = Object.keys(o).filter((k) => !['domain', 'selector', 'private_key', 'private_key_file'].includes(k))
    const [domain, selector, pem, file] = [str('domain'), str('selector'), str('private_key'), str('private_key_file')]
    const problem =
      typeof item !== 'object' || item === null || Array.isArray(item) ? `must be an object with "domain", "selector" and "private_key" or "private_key_file"`
      : unknown.length > 0 ? `has unknown keys ${unknown.map((k) => JSON.stringify(k)).join(', ')} (it takes "domain", "selector", "private_key", "private_key_file")`
      : domain === undefined ? 'needs "domain"'
      : domainProblem(domain) !== undefined ? `"domain" ${domainProblem(domain)}`
      : selector === undefined ? 'needs "selector"'
      : !SELECTOR.test(selector) ? `"selector" must be a DNS label or dotted labels, got ${shown(selector)}`
      : (pem === undefined) === (file === undefined) ? 'needs one of "private_key" (the PEM) and "private_key_file"'
      : undefined
    if (problem !== undefined) {
      issues.push({ variable: 'DKIM_KEYS', message: `${entry}${problem}` })
      return
    }
    const key = privateKey('DKIM_KEYS', pem, file, entry)
    if (key) keys.push({ domain: domain!.toLowerCase(), selector: selector!, privateKey: key })
  })
  return keys
}
