import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { startTestRelay } from '../../http/e2e/relay.js'
import { useStarted } from '../../helpers/fixture.js'
import { freePort } from '../../helpers/ports.js'
import { useServer } from '../../helpers/server.js'

const CA_FILE = fileURLToPath(new URL('../../fixtures/tls/cert.pem', import.meta.url))
const SECRETS = {
  API_KEYS: 'sk-secret-api-key-1,sk-secret-api-key-2',
  SMTP_USER: 'secret-relay-user',
  SMTP_PASS: 'secret-relay-pass',
  REDIS_PASSWORD: 'secret-redis-pass',
}

/**
 * Credentials never appear in logs or error bodies: the
 * startup events, the request log, the warnings of an unreachable Redis, the
 * store errors (JSON lines too, nothing on stderr), and the problem bodies, while AUTH is refused.
 */
describe('service logs and error bodies carry no credentials', () => {
  const bodies: string[] = []
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => {})
  afterAll(() => stderr.mockRestore()) // registered first: runs after the server and relay stopped
  const relay = useStarted(startTestRelay, (r) => r.stop()) // accepts other credentials than ours: AUTH is refused with 535
  const app = useServer(async () =>
    loadNodeConfig({
      PORT: '0',
      API_KEYS: SECRETS.API_KEYS,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay().port),
      SMTP_USER: SECRETS.SMTP_USER,
      SMTP_PASS: SECRETS.SMTP_PASS,
      SMTP_TLS_CA_FILE: CA_FILE,
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      REDIS_URL: `redis://:${SECRETS.REDIS_PASSWORD}@127.0.0.1:${await freePort()}/0`, // nothing listens
      SEND_TIMEOUT_MS: '3000',
    }),
  )
  const logs = app.log

  it('logs the relay, Redis and request events, and none of the secrets', async () => {
    const server = app.server()
    const post = async (headers: Record<string, string>) => {
      const res = await fetch(`${server.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ from: 'a@example.com', to: 'b@example.org', subject: 's', text: 'x' }),
      })
      bodies.push(await res.text())
      return res.status
    }
    const key = SECRETS.API_KEYS.split(',')[0]!
    expect(await post({ authorization: `Bearer ${key}` })).toBe(502) // AUTH refused
    expect(await post({ authorization: `Bearer ${key}`, 'idempotency-key': 'k1' })).toBe(503) // Redis down
    expect(await post({ authorization: 'Bearer sk-secret-wrong-key' })).toBe(401)
    await server.close()

    // The events the secrets could have leaked through did happen...
    const msgs = logs.map((l) => ('msg' in l ? l.msg : `${l.status} ${l.error_code ?? ''}`))
    expect(msgs).toEqual(expect.arrayContaining([
      expect.stringMatching(/^relay 127\.0\.0\.1:\d+ \(starttls, AUTH\)$/),
      expect.stringMatching(/^redis unreachable/),
      expect.stringMatching(/^idempotency store failed: /),
      '502 relay_unavailable',
      '503 idempotency_unavailable',
      '401 unauthorized',
      'stopped',
    ]))
    expect(JSON.parse(bodies[0]!)).toMatchObject({ code: 'relay_unavailable', smtp: { code: 535 } })
    expect(stderr).not.toHaveBeenCalled() // store failures are JSON log lines, not stderr text
    // ...and none of them carries a credential.
    const text = [JSON.stringify(logs), JSON.stringify(stderr.mock.calls), ...bodies].join('\n')
    for (const secret of [...SECRETS.API_KEYS.split(','), SECRETS.SMTP_USER, SECRETS.SMTP_PASS, SECRETS.REDIS_PASSWORD, 'sk-secret-wrong-key']) {
      expect(text).not.toContain(secret)
    }
    expect(text).not.toMatch(/secret/i)
  })
})
