import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { testDkimKey } from '../helpers/dkim.js'
import { configIssues as issues } from './config-error.js'

const rsa = testDkimKey('rsa')
const ed = testDkimKey('ed25519')
const base = { DKIM_DOMAIN: 'Example.com', DKIM_SELECTOR: 'mail', DKIM_PRIVATE_KEY: rsa.privatePem }
/** A line of the key's base64, to look for where it must not appear. */
const keyLine = (pem: string) => pem.split('\n')[1]!.slice(8, 40)

describe('DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY', () => {
  it('configure one signing key, its domain in lower case; no DKIM variables, no signing', () => {
    const { dkim } = loadConfig(base)
    expect(dkim?.keys.map((k) => [k.domain, k.selector, k.privateKey.type, k.privateKey.bits])).toEqual([['example.com', 'mail', 'rsa', 2048]])
    expect(dkim?.expireSeconds).toBeUndefined()
    expect(loadConfig({}).dkim).toBeUndefined()
  })

  it('must be set together, naming the missing ones', () => {
    expect(issues({ DKIM_DOMAIN: 'example.com' })).toEqual([
      'DKIM_SELECTOR: is needed with DKIM_DOMAIN: DKIM signs with a domain, a selector and a key',
      'DKIM_PRIVATE_KEY: is needed with DKIM_DOMAIN (or DKIM_PRIVATE_KEY_FILE): DKIM signs with a domain, a selector and a key',
    ])
  })

  it('take the key from DKIM_PRIVATE_KEY_FILE, or say why the file cannot be read', () => {
    const files: Record<string, string> = { '/keys/ed.pem': ed.privatePem }
    const readFile = (path: string) => {
      if (files[path] === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' })
      return files[path]!
    }
    const env = { DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'ed', DKIM_PRIVATE_KEY_FILE: '/keys/ed.pem' }
    expect(loadConfig(env, { readFile }).dkim?.keys[0]?.privateKey.type).toBe('ed25519')
    expect(issues({ ...env, DKIM_PRIVATE_KEY_FILE: '/keys/none.pem' }, { readFile })).toEqual(['DKIM_PRIVATE_KEY_FILE: cannot read "/keys/none.pem" (ENOENT)'])
    expect(issues({ ...env, DKIM_PRIVATE_KEY: ed.privatePem }, { readFile })).toEqual(['DKIM_PRIVATE_KEY_FILE: cannot be set with DKIM_PRIVATE_KEY: give the key one way'])
  })

  it('never quote a key pasted where its file path belongs', () => {
    const readFile = () => {
      throw Object.assign(new Error('nope'), { code: 'ENAMETOOLONG' })
    }
    const lines = issues({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'ed', DKIM_PRIVATE_KEY_FILE: ed.privatePem }, { readFile })
    expect(lines).toEqual(['DKIM_PRIVATE_KEY_FILE: cannot read the file: the value holds a PEM key, not a path (ENAMETOOLONG)'])
    expect(lines.join()).not.toContain(keyLine(ed.privatePem))
    expect(lines.join()).not.toContain('MC4CAQAw')
  })

  it('refuse a key DKIM cannot use, without quoting it', () => {
    const short = testDkimKey('rsa', 1024)
    const lines = issues({ ...base, DKIM_PRIVATE_KEY: short.privatePem })
    expect(lines).toEqual([expect.stringMatching(/^DKIM_PRIVATE_KEY: is an RSA key of 1024 bits; DKIM keys need at least 2048/)])
    expect(lines.join()).not.toContain(keyLine(short.privatePem))
    expect(issues({ ...base, DKIM_PRIVATE_KEY: 'hunter2' })).toEqual(['DKIM_PRIVATE_KEY: is not a PEM private key (no -----BEGIN PRIVATE KEY----- block)'])
  })

  it('check the domain and the selector', () => {
    expect(issues({ ...base, DKIM_DOMAIN: 'exämple.com' })).toEqual([expect.stringMatching(/^DKIM_DOMAIN: must be an ASCII domain name \(write an internationalised one as its xn-- A-labels\)/)])
    expect(issues({ ...base, DKIM_DOMAIN: 'localhost' })).toEqual([expect.stringMatching(/^DKIM_DOMAIN: must be a domain name like example.com/)])
    expect(issues({ ...base, DKIM_SELECTOR: 'bad selector' })).toEqual([expect.stringMatching(/^DKIM_SELECTOR: must be a DNS label/)])
    expect(loadConfig({ ...base, DKIM_SELECTOR: '2024.mail' }).dkim?.keys[0]?.selector).toBe('2024.mail')
  })

  it('never show the key in the configuration when it is serialised', () => {
    const text = JSON.stringify(loadConfig(base))
    expect(text).toContain('"privateKey":{"type":"rsa","bits":2048}')
    expect(text).not.toContain(keyLine(rsa.privatePem))
  })
})

describe('DKIM_EXPIRE_SECONDS', () => {
  it('sets x= this long after t=, from a minute to a year, and needs a key', () => {
    expect(loadConfig({ ...base, DKIM_EXPIRE_SECONDS: '604800' }).dkim?.expireSeconds).toBe(604_800)
    expect(issues({ ...base, DKIM_EXPIRE_SECONDS: '10' })).toEqual(['DKIM_EXPIRE_SECONDS: must be an integer from 60 to 31536000, got "10"'])
    expect(issues({ DKIM_EXPIRE_SECONDS: '3600' })).toEqual([expect.stringMatching(/^DKIM_EXPIRE_SECONDS: needs a DKIM key/)])
  })
})

describe('DKIM_KEYS', () => {
  const entry = (domain: string, key = ed.privatePem, selector = 's1') => ({ domain, selector, private_key: key })

  it('adds one key per domain after the DKIM_DOMAIN one, which signs everything else', () => {
    const { dkim } = loadConfig({ ...base, DKIM_KEYS: JSON.stringify([entry('example.net'), { domain: 'example.org', selector: 's2', private_key: rsa.privatePem.replace(/\n/g, '\\n') }]) })
    expect(dkim?.keys.map((k) => `${k.selector}._domainkey.${k.domain}`)).toEqual(['mail._domainkey.example.com', 's1._domainkey.example.net', 's2._domainkey.example.org'])
  })

  it('works alone, without DKIM_DOMAIN', () => {
    expect(loadConfig({ DKIM_KEYS: JSON.stringify([entry('example.net')]) }).dkim?.keys).toHaveLength(1)
  })

  it('says which entry is wrong and how, and never quotes the JSON, which holds keys', () => {
    const bad = JSON.stringify([entry('example.net'), { domain: 'example.org', selector: 's' }, entry('example.net'), { domain: 'x.org', selector: 's', private_key: 'k', extra: 1 }, entry('y.org', testDkimKey('rsa', 1024).privatePem)])
    const lines = issues({ DKIM_KEYS: bad })
    expect(lines).toEqual([
      'DKIM_KEYS: entry 2: needs one of "private_key" (the PEM) and "private_key_file"',
      'DKIM_KEYS: entry 4: has unknown keys "extra" (it takes "domain", "selector", "private_key", "private_key_file")',
      expect.stringMatching(/^DKIM_KEYS: entry 5: the key is an RSA key of 1024 bits/),
      'DKIM_KEYS: lists example.net twice (with DKIM_DOMAIN, or in two entries): one key per domain',
    ])
    const broken = issues({ DKIM_KEYS: `[${JSON.stringify(entry('example.net'))}` })
    expect(broken).toEqual(['DKIM_KEYS: is not valid JSON; it must be a JSON array of {"domain", "selector", "private_key" or "private_key_file"}'])
    expect(broken.join()).not.toContain(keyLine(ed.privatePem))
  })
})

describe('DKIM and DMARC alignment', () => {
  it('warns about each sender domain that ALLOWED_SENDERS or DEFAULT_FROM allow and no key covers', () => {
    const { warnings } = loadConfig({ ...base, ALLOWED_SENDERS: '@example.com,@news.example.com,ops@example.org', DEFAULT_FROM: 'App <app@example.com>' })
    expect(warnings).toEqual(['mail from example.org is signed as d=example.com, which DMARC does not count as aligned with that From domain: add a key for example.org to DKIM_KEYS'])
  })

  it('warns once when any sender is allowed', () => {
    expect(loadConfig(base).warnings).toEqual([expect.stringMatching(/^ALLOWED_SENDERS is unset: mail from domains other than example.com is signed as d=example.com/)])
  })
})
