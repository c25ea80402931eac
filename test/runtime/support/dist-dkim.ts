import { describe, expect, it } from 'vitest'
import { testDkimKey, verifyWithDkimpy, verifyWithMailauth } from '../../helpers/dkim.js'
import { useStarted } from '../../helpers/fixture.js'
import { buildTarget } from './build.js'
import { startDistServer } from './dist-server.js'
import { postJson, sendBody } from './message.js'
import { relayVariables, startCountingRelay } from './relay.js'
import { CA_FILE } from './tls.js'

const API_KEY = 'dist-dkim-key'

/**
 * DKIM on a runtime that runs the Node build (dist/index.js): an RSA key
 * for example.com and an Ed25519 key for example.net, signed with that
 * runtime's Web Crypto; dkimpy and mailauth verify what the relay received.
 */
export function describeDistDkim(runtime: string, command: () => string, args: string[]): void {
  describe(`DKIM signing in dist/index.js on ${runtime}`, () => {
    const rsa = testDkimKey('rsa')
    const ed = testDkimKey('ed25519')
    const records = { 'mail._domainkey.example.com': rsa.record, 'ed._domainkey.example.net': ed.record }
    const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
    const relay = useStarted(() => startCountingRelay(), (r) => r.stop())
    const server = useStarted(
      () =>
        startDistServer(command(), args, bundle().dir, {
          ...relayVariables(relay()),
          SMTP_TLS_CA_FILE: CA_FILE,
          API_KEYS: API_KEY,
          DKIM_DOMAIN: 'example.com',
          DKIM_SELECTOR: 'mail',
          DKIM_PRIVATE_KEY: rsa.privatePem,
          DKIM_KEYS: JSON.stringify([{ domain: 'example.net', selector: 'ed', private_key: ed.privatePem }]),
        }),
      (s) => s.proc.stop(),
    )

    for (const [from, algorithm] of [['ada@example.com', 'rsa-sha256'], ['eve@example.net', 'ed25519-sha256']] as const) {
      it(`signs mail from ${from} (${algorithm}); dkimpy and mailauth verify what the relay received`, async () => {
        const res = await postJson(`${server().url}/send`, sendBody({ from }), { apiKey: API_KEY })
        const answer = (await res.json()) as { queue_id: string }
        expect(res.status, JSON.stringify(answer)).toBe(200)
        const got = relay().received.find((m) => m.queueId === answer.queue_id)!
        expect(got.raw.toString('latin1')).toMatch(new RegExp(`^DKIM-Signature: v=1; a=${algorithm};`))
        expect(await verifyWithDkimpy(got.raw, records)).toEqual({ pass: true, said: 'pass' })
        expect(await verifyWithMailauth(got.raw, records)).toEqual({ pass: true, said: 'pass' })
      })
    }
  })
}
