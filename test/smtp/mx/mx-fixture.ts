import { createNodeResolver } from '../../../src/runtime/node/dns.js'
import { composeMessage } from '../../../src/mail/index.js'
import { createMxMailer, type MxMailerOptions } from '../../../src/smtp/mx/index.js'
import type { Mailer, OutgoingMessage } from '../../../src/smtp/types.js'
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../../helpers/dns-server.js'
import { useStarted } from '../../helpers/fixture.js'
import { startMxHosts, type MxHosts, type MxHostsOptions } from '../../helpers/mx-hosts.js'

/** A DNS server with a zone and MX hosts on loopback addresses, for the enclosing `describe`. */
export interface MxWorld {
  dns: () => TestDnsServer
  mx: () => MxHosts
  /** A direct-delivery mailer that asks this DNS server and reaches these hosts on their port. */
  mailer(options?: Partial<MxMailerOptions>): Mailer
}

/**
 * Starts `startDnsServer(zone)` and `startMxHosts(addresses)` in `beforeAll`
 * and stops them in `afterAll`. Addresses in the zone but not in `addresses`
 * have nothing listening: MX hosts that are down.
 */
export function useMxWorld(zone: Record<string, ZoneEntry>, addresses: string[], options: MxHostsOptions = {}): MxWorld {
  const dns = useStarted(() => startDnsServer(zone), (d) => d.close())
  const mx = useStarted(() => startMxHosts(addresses, options), (m) => m.stop())
  return {
    dns,
    mx,
    mailer: (overrides = {}) =>
      createMxMailer({
        allowPrivateAddresses: true, // the MX hosts of these tests listen on loopback
        resolver: createNodeResolver({ servers: [dns().address], timeoutMs: 1_000, tries: 1 }),
        port: mx().port,
        ehloName: 'mailbridge.test',
        timeouts: { connect: 3_000, command: 5_000, data: 5_000 },
        ...overrides,
      }),
  }
}

/** A composed message from ada@example.com to `to`, as the send pipeline hands it over. */
export function messageTo(...to: string[]): OutgoingMessage {
  const m = composeMessage({ from: 'Ada <ada@example.com>', to, subject: 'direct', text: 'Hello over port 25.' })
  return { envelope: m.envelope, raw: m.raw, smtputf8: m.smtputf8 }
}
