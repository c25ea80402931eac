import { describe, expect, it } from 'vitest'
import { testDkimKey, verifyWithDkimpy, verifyWithMailauth } from '../../helpers/dkim.js'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from '../support/build.js'
import { postJson, sendBody } from '../support/message.js'
import { relayVariables, startCountingRelay } from '../support/relay.js'
import { startWorkerd } from '../support/workerd.js'

const API_KEY = 'workers-dkim-key'

/**
 * dist/worker.js on workerd with DKIM_* text bindings: the Worker signs with
 * workerd's Web Crypto, and what the relay receives verifies with dkimpy and
 * mailauth, for an RSA and an Ed25519 key.
 */
describe('DKIM signing on workerd', () => {
  const rsa = testDkimKey('rsa')
  const ed = testDkimKey('ed25519')
  const records = { 'rsa._domainkey.example.com': rsa.record, 'ed._domainkey.example.com': ed.record }
  const bundle = useStarted(() => buildTarget('worker'), (b) => b.remove())
  const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
  const workerd = useStarted(
    () => {
      const vars = (selector: string, pem: string) => ({ ...relayVariables(relay()), API_KEYS: API_KEY, DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY: pem })
      // One key as PEM lines, the other with its line breaks written as \n, as a secret store may hold it.
      return startWorkerd(`${bundle().dir}/worker.js`, { rsa: { vars: vars('rsa', rsa.privatePem) }, ed: { vars: vars('ed', ed.privatePem.trim().replace(/\n/g, '\\n')) } })
    },
    (w) => w.stop(),
  )

  for (const name of ['rsa', 'ed'] as const) {
    it(`signs with the ${name === 'rsa' ? 'RSA' : 'Ed25519'} key; dkimpy and mailauth verify what the relay received`, async () => {
      const res = await postJson(`${workerd().urls[name]}/send`, sendBody({ text: '.dot-stuffed line\ntrailing   \n' }), { apiKey: API_KEY })
      const answer = (await res.json()) as { queue_id: string }
      expect(res.status, JSON.stringify(answer)).toBe(200)
      const got = relay().received.find((m) => m.queueId === answer.queue_id)!
      expect(got.raw.toString('latin1')).toMatch(new RegExp(`^DKIM-Signature: v=1; a=${name === 'rsa' ? 'rsa' : 'ed25519'}-sha256; c=relaxed/relaxed; d=example\\.com; s=${name};`))
      expect(await verifyWithDkimpy(got.raw, records)).toEqual({ pass: true, said: 'pass' })
      expect(await verifyWithMailauth(got.raw, records)).toEqual({ pass: true, said: 'pass' })
    })
  }

  it('logs the key it signs with, never the key', () => {
    const out = workerd().proc.stdout() + workerd().proc.stderr()
    expect(out).toContain('DKIM: signing as rsa._domainkey.example.com (rsa-sha256, 2048 bits)')
    expect(out).toContain('DKIM: signing as ed._domainkey.example.com (ed25519-sha256, 256 bits)')
    for (const pem of [rsa.privatePem, ed.privatePem]) expect(out).not.toContain(pem.split('\n')[1]!.slice(0, 30))
  })
})
