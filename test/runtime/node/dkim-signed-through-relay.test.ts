import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { RELAY_PASS, RELAY_USER, startTestRelay } from '../../http/e2e/relay.js'
import { testDkimKey, verifyWithDkimpy, verifyWithMailauth } from '../../helpers/dkim.js'
import { useStarted } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'

const CA_FILE = fileURLToPath(new URL('../../fixtures/tls/cert.pem', import.meta.url))
const API_KEY = 'dkim-relay-key'

/**
 * The production wiring with DKIM_* set: the relay receives a signed message,
 * and the bytes it received (after dot-stuffing on the wire and unstuffing
 * on its side) verify with dkimpy and mailauth.
 */
describe('startServer with DKIM_* set, sending through a relay', () => {
  const rsa = testDkimKey('rsa')
  const ed = testDkimKey('ed25519')
  const records = { 'mail._domainkey.example.com': rsa.record, 'ed._domainkey.example.net': ed.record }
  const relay = useStarted(startTestRelay, (r) => r.stop())
  const app = useServer(() =>
    loadNodeConfig({
      PORT: '0',
      API_KEYS: API_KEY,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay().port),
      SMTP_USER: RELAY_USER,
      SMTP_PASS: RELAY_PASS,
      SMTP_TLS_CA_FILE: CA_FILE,
      SMTP_EHLO_NAME: 'mailbridge.test',
      DKIM_DOMAIN: 'example.com',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY: rsa.privatePem,
      DKIM_KEYS: JSON.stringify([{ domain: 'example.net', selector: 'ed', private_key: ed.privatePem }]),
      DKIM_EXPIRE_SECONDS: '86400',
    }),
  )

  const send = (body: object) =>
    fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify(body),
    })

  it('signs each message with the key of its From domain; both verifiers pass what the relay received', async () => {
    const lines = '.a line starting with a dot\n..two dots\ntrailing spaces   \n\n.\n'
    for (const from of ['Ada <ada@example.com>', 'Eve <eve@example.net>']) {
      const res = await send({ from, to: 'bob@example.org', subject: 'Signed ✓', text: lines, attachments: [{ filename: 'a.bin', content: 'AAECAwQ=' }] })
      expect(res.status, await res.clone().text()).toBe(200)
      const got = relay().received.at(-1)!
      expect(got.raw.toString('latin1')).toMatch(/^DKIM-Signature: v=1; a=(rsa|ed25519)-sha256; c=relaxed\/relaxed;/)
      expect(await verifyWithDkimpy(got.raw, records)).toEqual({ pass: true, said: 'pass' })
      expect(await verifyWithMailauth(got.raw, records)).toEqual({ pass: true, said: 'pass' })
    }
    expect(relay().received.at(-2)!.raw.toString('latin1')).toMatch(/ d=example\.com; s=mail;/)
    expect(relay().received.at(-1)!.raw.toString('latin1')).toMatch(/ d=example\.net; s=ed;/)
  })

  it('announces the keys at startup, never their bytes', () => {
    const text = JSON.stringify(app.log)
    expect(text).toContain('DKIM: signing as mail._domainkey.example.com (rsa-sha256, 2048 bits), ed._domainkey.example.net (ed25519-sha256, 256 bits)')
    expect(text).not.toContain(rsa.privatePem.split('\n')[1]!.slice(0, 30))
    expect(text).not.toContain(ed.privatePem.split('\n')[1]!.slice(0, 30))
  })
})
