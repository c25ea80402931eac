import { describe, expect, it } from 'vitest'
import { startDnsServer } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'
import { startMxHosts } from '../../helpers/mx-hosts.js'
import { buildTarget } from './build.js'
import { startDistServer } from './dist-server.js'
import { postJson, sendBody } from './message.js'

const API_KEY = 'dist-direct-key'

/**
 * DELIVERY_MODE=mx on a runtime that runs the Node build: its node:dns asks
 * the DNS_SERVERS given (a DNS server on loopback), skips the MX host that is
 * down and delivers to the next.
 */
export function describeDistDirectDelivery(runtime: string, command: () => string, args: string[], hosts: [down: string, up: string]): void {
  describe(`DELIVERY_MODE=mx in dist/index.js on ${runtime}`, () => {
    const [down, up] = hosts
    const bundle = useStarted(() => buildTarget('node'), (b) => b.remove())
    const dns = useStarted(() =>
      startDnsServer({ 'dest.test': { MX: [[10, 'mx1.dest.test'], [20, 'mx2.dest.test']] }, 'mx1.dest.test': { A: [down] }, 'mx2.dest.test': { A: [up] } }),
    )
    const mx = useStarted(() => startMxHosts([up]), (m) => m.stop())
    const server = useStarted(
      () =>
        startDistServer(command(), args, bundle().dir, {
          API_KEYS: API_KEY,
          DELIVERY_MODE: 'mx',
          MX_ALLOW_PRIVATE: 'true', // the MX hosts listen on loopback
          DNS_SERVERS: dns().address,
          MX_PORT: String(mx().port),
          SMTP_EHLO_NAME: 'mailbridge.example.com',
        }),
      (s) => s.proc.stop(),
    )

    it('asks DNS_SERVERS, skips the MX host that is down and delivers to the next', async () => {
      const res = await postJson(`${server().url}/send`, sendBody({ to: 'bob@dest.test' }), { apiKey: API_KEY })
      const body = (await res.json()) as { queue_id: string; deliveries: { mx: string; status: string }[] }
      expect(res.status, JSON.stringify(body)).toBe(200)
      const got = mx().hosts[up]!.received
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({ to: ['bob@dest.test'], secure: true, queueId: body.queue_id })
      expect(body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', mx: 'mx2.dest.test' })])
      expect(dns().queries).toContain('MX dest.test')
    })
  })
}
