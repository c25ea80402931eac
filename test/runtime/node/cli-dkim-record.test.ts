import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testDkimKey } from '../../helpers/dkim.js'
import { useTempDir } from '../../helpers/fixture.js'
import { runCli } from './cli-process.js'

/** The record's text, from the quoted strings of its zone file line. */
const textOf = (zoneLine: string) => [...zoneLine.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('')

describe('mailbridge dkim-record', () => {
  const dir = useTempDir('mailbridge-dkim-record-')

  it('prints, for each key, the TXT record node:crypto derives from the same key, and never the private key', async () => {
    const rsa = testDkimKey('rsa')
    const ed = testDkimKey('ed25519')
    const file = join(dir(), 'ed.pem')
    writeFileSync(file, ed.privatePem)
    const result = await runCli(['dkim-record'], {
      DKIM_DOMAIN: 'example.com',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY: rsa.privatePem,
      DKIM_KEYS: JSON.stringify([{ domain: 'example.net', selector: '2024.ed', private_key_file: file }]),
    })
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('; RSA 2048-bit key for example.com: publish this TXT record at mail._domainkey.example.com')
    const rsaLine = lines.find((l) => l.startsWith('mail._domainkey.example.com. IN TXT ( "'))!
    // A 2048-bit key's record is over 255 characters: two strings of one record, on two lines.
    const rsaRecord = result.stdout.slice(result.stdout.indexOf(rsaLine), result.stdout.indexOf(')', result.stdout.indexOf(rsaLine)) + 1)
    expect(textOf(rsaRecord)).toBe(rsa.record)
    expect(rsaRecord.match(/"/g)).toHaveLength(4)
    expect(result.stdout).toContain('; Ed25519 key for example.net: publish this TXT record at 2024.ed._domainkey.example.net\n')
    expect(result.stdout).toContain(`2024.ed._domainkey.example.net. IN TXT "${ed.record}"\n`)
    for (const pem of [rsa.privatePem, ed.privatePem]) expect(result.stdout + result.stderr).not.toContain(pem.split('\n')[1]!.slice(0, 30))
  })

  it('exits 1 and says what to set when no key is configured', async () => {
    const result = await runCli(['dkim-record'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/no DKIM key is configured: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY/)
    expect(result.stdout).toBe('')
  })
})
