import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { useStarted } from '../../helpers/fixture.js'
import { useServer } from '../../helpers/server.js'
import { smtpReply, startRelay } from '../../helpers/smtp-server-relay.js'

const TOKEN = 'ya29.test-access-token'

/** SMTP_AUTH_METHOD=XOAUTH2 from the environment to a real relay: the OAuth2 access token goes in SMTP_PASS. */
describe('SMTP_AUTH_METHOD=XOAUTH2 reaches the relay', () => {
  const methods: string[] = []
  const relay = useStarted(
    () =>
      startRelay({
        authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
        onAuth(auth, _session, cb) {
          methods.push(auth.method)
          if (auth.method === 'XOAUTH2' && auth.username === 'ada@example.com' && auth.accessToken === TOKEN) cb(null, { user: auth.username })
          else cb(smtpReply(535, 'Invalid credentials'))
        },
      }),
    (r) => r.stop(),
  )
  const app = useServer(async () =>
    loadNodeConfig({
      PORT: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay().port),
      SMTP_USER: 'ada@example.com',
      SMTP_PASS: TOKEN,
      SMTP_AUTH_METHOD: 'XOAUTH2',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    }),
  )

  it('authenticates with the token over STARTTLS instead of the PLAIN the relay also offers', async () => {
    const res = await fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'ada@example.com', to: 'bob@example.org', subject: 's', text: 'x' }),
    })
    expect(res.status).toBe(200)
    expect(methods).toEqual(['XOAUTH2'])
    expect(relay().received).toHaveLength(1)
  })
})
