import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DkimKeyError, inspectPrivateKey } from '../../../src/mail/dkim/index.js'

const rsa = (modulusLength: number) => generateKeyPairSync('rsa', { modulusLength })
const pkcs8 = (key: ReturnType<typeof rsa>['privateKey']) => key.export({ type: 'pkcs8', format: 'pem' }).toString()

/** The error `inspectPrivateKey` throws for `pem`, checked to quote none of it. */
function refusal(pem: string): DkimKeyError {
  try {
    inspectPrivateKey(pem)
  } catch (e) {
    expect(e).toBeInstanceOf(DkimKeyError)
    const body = pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    for (const line of body) expect((e as Error).message).not.toContain(line.slice(0, 20))
    return e as DkimKeyError
  }
  throw new Error('the key was accepted')
}

describe('a DKIM private key is checked before it is used', () => {
  const rsa2048 = rsa(2048)

  it('reads a PKCS#8 RSA key of 2048 bits and an Ed25519 key', () => {
    expect(inspectPrivateKey(pkcs8(rsa2048.privateKey)).toJSON()).toEqual({ type: 'rsa', bits: 2048 })
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(inspectPrivateKey(ed).toJSON()).toEqual({ type: 'ed25519', bits: 256 })
  })

  it('reads a PEM whose line breaks are written as \\n, as env files and secret stores often hold it', () => {
    const oneLine = pkcs8(rsa2048.privateKey).trim().replace(/\n/g, '\\n')
    expect(inspectPrivateKey(oneLine).type).toBe('rsa')
  })

  it('refuses an RSA key under 2048 bits, saying its size', () => {
    const e = refusal(pkcs8(rsa(1024).privateKey))
    expect(e.code).toBe('EDKIM_KEY_SIZE')
    expect(e.message).toContain('1024 bits')
  })

  it('refuses a PKCS#1 RSA key with the openssl command that converts it', () => {
    const e = refusal(rsa2048.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString())
    expect(e.code).toBe('EDKIM_KEY_FORMAT')
    expect(e.message).toContain('openssl pkcs8 -topk8 -nocrypt')
  })

  it('refuses an EC key, an encrypted key and a public key, each saying what it is', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    expect(refusal(ec.export({ type: 'pkcs8', format: 'pem' }).toString())).toMatchObject({ code: 'EDKIM_KEY_TYPE', message: expect.stringContaining('EC key') })
    const encrypted = rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString()
    expect(refusal(encrypted)).toMatchObject({ code: 'EDKIM_KEY_FORMAT', message: expect.stringContaining('encrypted') })
    const pub = rsa2048.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(refusal(pub)).toMatchObject({ code: 'EDKIM_KEY_FORMAT', message: expect.stringContaining('public key') })
  })

  it('refuses text that is no PEM, and a PEM block whose content is not PKCS#8', () => {
    expect(refusal('not a key').code).toBe('EDKIM_KEY_PEM')
    expect(refusal('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----').code).toBe('EDKIM_KEY_DER')
    expect(refusal('-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----').code).toBe('EDKIM_KEY_PEM')
  })

  it('never shows the key bytes when the key is serialised or printed', () => {
    const key = inspectPrivateKey(pkcs8(rsa2048.privateKey))
    expect(JSON.stringify({ key })).toBe('{"key":{"type":"rsa","bits":2048}}')
    expect(String(key)).toBe('[DKIM rsa key, 2048 bits]')
    expect(key.pkcs8().length).toBeGreaterThan(1000)
  })
})
