import { execFile } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { dkimVerify } from 'mailauth/lib/dkim/verify.js'

/** A key pair made with node:crypto, and its DNS record built from node:crypto's own export (not mailbridge's). */
export interface TestDkimKey {
  type: 'rsa' | 'ed25519'
  /** PKCS#8 PEM. */
  privatePem: string
  /** `v=DKIM1; k=…; p=…`. */
  record: string
  publicKey: KeyObject
}

/** A fresh RSA (2048 bits unless told) or Ed25519 key for DKIM tests. */
export function testDkimKey(type: 'rsa' | 'ed25519', bits = 2048): TestDkimKey {
  const { privateKey, publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ed25519')
  const p =
    type === 'rsa'
      ? publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
      : Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64')
  return {
    type,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=${type}; p=${p}`,
    publicKey,
  }
}

/** What a verifier said of a message's first DKIM signature. */
export interface Verdict {
  pass: boolean
  /** The verifier's own words, for assertion messages. */
  said: string
}

const DKIMPY = `
import sys, json, dkim
records = json.loads(sys.argv[1])
def dnsfunc(name, timeout=5):
    r = records.get(name.decode().rstrip('.').lower())
    return r.encode() if r is not None else None
msg = sys.stdin.buffer.read()
d = dkim.DKIM(msg)
try:
    ok = d.verify(dnsfunc=dnsfunc)
    print(json.dumps({"pass": bool(ok), "said": "pass" if ok else "fail"}))
except dkim.DKIMException as e:
    print(json.dumps({"pass": False, "said": str(e)}))
`

/**
 * Verifies the first DKIM signature of `message` with dkimpy (Debian
 * `python3-dkim`, on the system /usr/bin/python3), which looks the key up in
 * `records` (`<selector>._domainkey.<domain>` → TXT text) instead of DNS.
 */
export function verifyWithDkimpy(message: Uint8Array, records: Record<string, string>): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/python3', ['-c', DKIMPY, JSON.stringify(records)], { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`dkimpy failed: ${err.message}\n${stderr}`))
      else resolve(JSON.parse(stdout) as Verdict)
    })
    child.stdin!.end(message)
  })
}

/**
 * Verifies the first DKIM signature of `message` with mailauth (npm), whose
 * resolver answers TXT queries from `records`.
 */
export async function verifyWithMailauth(message: Uint8Array, records: Record<string, string>): Promise<Verdict> {
  const resolver = async (name: string, type: string) => {
    const text = records[name.replace(/\.$/, '').toLowerCase()]
    if (type !== 'TXT' || text === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
    return [[text]]
  }
  const { results } = await dkimVerify(Buffer.from(message), { resolver })
  const first = results[0]
  if (!first) return { pass: false, said: 'no signature' }
  return { pass: first.status.result === 'pass', said: `${first.status.result}${first.status.comment ? `: ${first.status.comment}` : ''}` }
}
