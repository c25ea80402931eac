import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSmtpConnection } from '../../src/smtp/index.js'
import { createSaslMechanism, MAX_COMMAND_LINE } from '../../src/smtp/sasl.js'
import { spyingFactory } from '../helpers/fake-smtp.js'
import { startRelay, type Relay } from '../helpers/smtp-server-relay.js'
import { testCert } from '../helpers/tls.js'

// RFC 4954 §4: an AUTH line is still bound by RFC 5321's 512 octets; when the
// initial response would pass that, AUTH goes without it and the response
// answers the server's empty 334.

const USER = 'long-credentials-user'
const LONG_PASS = 'p'.repeat(600)
const LONG_TOKEN = 'ya29.' + 't'.repeat(1500)

let relay: Relay
const seen: string[] = []
beforeAll(async () => {
  relay = await startRelay({
    authMethods: ['PLAIN', 'XOAUTH2'],
    onAuth(auth, _session, cb) {
      seen.push(auth.method)
      const ok = auth.username === USER && (auth.method === 'XOAUTH2' ? auth.accessToken === LONG_TOKEN : auth.password === LONG_PASS)
      if (ok) cb(null, { user: USER })
      else cb(new Error('Invalid username or password'))
    },
  })
})
afterAll(async () => {
  await relay.stop()
})

function longestLine(writes: string[]): number {
  return Math.max(...writes.flatMap((w) => w.split('\r\n')).map((l) => l.length + 2))
}

describe('an AUTH initial response too long for one command line', () => {
  it('is not put on the AUTH line when it fits (PLAIN, short password)', () => {
    const sasl = createSaslMechanism('PLAIN', { user: 'u', pass: 'p' })
    expect(sasl.initial()).toBe(`AUTH PLAIN ${Buffer.from('\0u\0p').toString('base64')}`)
  })

  it.each([
    ['PLAIN', LONG_PASS],
    ['XOAUTH2', LONG_TOKEN],
  ] as const)('AUTH %s goes alone and the response answers the 334, accepted by smtp-server', async (method, pass) => {
    const spy = spyingFactory()
    const conn = await openSmtpConnection({
      host: '127.0.0.1',
      port: relay.port,
      tls: 'starttls',
      ca: testCert,
      auth: { user: USER, pass, method },
      connect: spy.factory,
    })
    expect(seen.at(-1)).toBe(method)
    expect(spy.writes).toContain(`AUTH ${method}\r\n`)
    expect(longestLine(spy.writes.filter((w) => w.startsWith('AUTH')))).toBeLessThanOrEqual(MAX_COMMAND_LINE)
    await conn.quit()
  })

  it('a deferred XOAUTH2 token is sent once; a later error challenge gets the empty line', () => {
    const sasl = createSaslMechanism('XOAUTH2', { user: USER, pass: LONG_TOKEN })
    expect(sasl.initial()).toBe('AUTH XOAUTH2')
    const token = sasl.respond('')
    expect(Buffer.from(token, 'base64').toString()).toBe(`user=${USER}\x01auth=Bearer ${LONG_TOKEN}\x01\x01`)
    expect(sasl.respond('eyJzdGF0dXMiOiI0MDEifQ==')).toBe('')
  })
})
