import { describe, expect, it } from 'vitest'
import { loadNodeConfig } from '../../../src/runtime/node/node-config.js'
import { testDkimKey, verifyWithDkimpy, verifyWithMailauth } from '../../helpers/dkim.js'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'
import { startMxHosts } from '../../helpers/mx-hosts.js'
import { useServer } from '../../helpers/server.js'

const API_KEY = 'direct-delivery-key'

/**
 * The production wiring with DELIVERY_MODE=mx: DNS_SERVERS points at a DNS
 * server on loopback, MX_PORT at smtp-server peers on 127.0.10.x, and every
 * message is DKIM-signed. What `/send` answers, and what the MX hosts get.
 */
describe('POST /send with DELIVERY_MODE=mx', () => {
  const key = testDkimKey('ed25519')
  const records = { 'mail._domainkey.example.com': key.record }
  const dns = useStarted(() =>
    startDnsServer({
      'one.test': { MX: [[10, 'mx.one.test']] },
      'mx.one.test': { A: ['127.0.10.2'] },
      'two.test': { MX: [[10, 'mx.two.test']] },
      'mx.two.test': { A: ['127.0.10.3'] },
      'grey.test': { MX: [[10, 'mx.grey.test']] },
      'mx.grey.test': { A: ['127.0.10.4'] },
      'nomail.test': { MX: [[0, '.']] },
    }),
  )
  const mx = useStarted(() => startMxHosts(['127.0.10.2', '127.0.10.3', '127.0.10.4']), (m) => m.stop())
  const app = useServer(() =>
    loadNodeConfig({
      PORT: '0',
      API_KEYS: API_KEY,
      DELIVERY_MODE: 'mx',
      MX_ALLOW_PRIVATE: 'true', // the MX hosts listen on loopback
      DNS_SERVERS: dns().address,
      MX_PORT: String(mx().port),
      SMTP_EHLO_NAME: 'mailbridge.example.com',
      DKIM_DOMAIN: 'example.com',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY: key.privatePem,
      ALLOWED_SENDERS: '@example.com',
    }),
  )
  const send = async (to: string[]) => {
    const res = await fetch(`${app.server().url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ from: 'Ada <ada@example.com>', to, subject: 'Straight to the MX', text: 'Hello.\n.line with a dot\n' }),
    })
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> }
  }

  it('delivers to the MX host over STARTTLS, EHLO as SMTP_EHLO_NAME, signed; dkimpy and mailauth verify what arrived', async () => {
    const { status, body } = await send(['bob@one.test'])
    expect(status, JSON.stringify(body)).toBe(200)
    const got = mx().hosts['127.0.10.2']!.received.at(-1)!
    expect(got).toMatchObject({ to: ['bob@one.test'], secure: true, ehlo: 'mailbridge.example.com' })
    expect(body).toMatchObject({
      queue_id: got.queueId,
      accepted: ['bob@one.test'],
      rejected: [],
      deliveries: [{ domain: 'one.test', status: 'delivered', mx: 'mx.one.test', queue_id: got.queueId, accepted: ['bob@one.test'], rejected: [], smtp_response: expect.stringMatching(/^250 /) }],
    })
    expect(await verifyWithDkimpy(got.raw, records)).toEqual({ pass: true, said: 'pass' })
    expect(await verifyWithMailauth(got.raw, records)).toEqual({ pass: true, said: 'pass' })
  })

  it('answers one entry per domain and no single queue id for several domains', async () => {
    const { status, body } = await send(['a@one.test', 'b@two.test'])
    expect(status).toBe(200)
    expect(body.queue_id).toBeNull()
    expect((body.deliveries as { domain: string; status: string }[]).map((d) => `${d.domain} ${d.status}`)).toEqual(['one.test delivered', 'two.test delivered'])
  })

  it('answers 422 with 5.1.10 for a domain with a null MX', async () => {
    const { status, body } = await send(['bob@nomail.test'])
    expect(status).toBe(422)
    expect(body).toMatchObject({ code: 'smtp_rejected', smtp: { code: 556, enhanced_code: '5.1.10' }, deliveries: [{ domain: 'nomail.test', status: 'rejected', mx: null }] })
  })

  it('answers 503 with Retry-After when a domain greylists, naming what was delivered and what was not', async () => {
    mx().hosts['127.0.10.4']!.rcpt = () => ({ code: 451, message: 'Greylisted' })
    const { status, retryAfter, body } = await send(['a@one.test', 'g@grey.test'])
    expect(status).toBe(503)
    expect(retryAfter).toBe('300')
    expect(body).toMatchObject({ code: 'relay_busy', smtp: { code: 451, command: 'RCPT' } })
    expect((body.deliveries as { domain: string; status: string }[]).map((d) => `${d.domain} ${d.status}`)).toEqual(['one.test delivered', 'grey.test deferred'])
    expect(body.detail).toMatch(/^Not delivered now to grey\.test .*send it again later to the recipients at grey\.test; delivered to one\.test\.$/)
  })

  it('says at startup that it delivers straight to MX hosts and keeps no queue, and checks DNS', async () => {
    expect(app.log).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^delivering straight to the recipients' MX hosts \(port \d+, MX_TLS=may, DNS 127\.0\.0\.1:\d+\); nothing is queued/) }))
    // The startup check runs in the background once the server listens.
    await expect.poll(() => app.log.some((l) => 'msg' in l && /^DNS ok: DNS 127\.0\.0\.1:\d+ answered the MX lookup of example\.com$/.test(String(l.msg)))).toBe(true)
  })
})
