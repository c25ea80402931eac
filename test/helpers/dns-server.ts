import dns2 from 'dns2'

const { Packet } = dns2

/** The records of one name; a name missing from the zone is NXDOMAIN. */
export interface ZoneEntry {
  /** `[preference, exchange]`; exchange `'.'` is a null MX. */
  MX?: [number, string][]
  A?: string[]
  AAAA?: string[]
  /** One entry per record; a record given as a list holds several strings (as a long DKIM key record does). */
  TXT?: (string | string[])[]
  /** Answer every query for this name with SERVFAIL. */
  SERVFAIL?: true
}

/** A DNS server on 127.0.0.1 serving a zone the test can change. */
export interface TestDnsServer {
  /** `127.0.0.1:port`, as `DNS_SERVERS` takes it. */
  address: string
  port: number
  /** The zone, by lower-case name without the final dot; edit it between tests. */
  zone: Record<string, ZoneEntry>
  /** Every question asked, as `TYPE name`. */
  queries: string[]
  close(): Promise<void>
}

/** Response codes (RFC 1035 §4.1.1), which dns2's types leave out. */
const RCODE = { SERVFAIL: 2, NXDOMAIN: 3 }
type Answer = Parameters<InstanceType<typeof Packet>['answers']['push']>[0]
/** One answer record; dns2's types want a class instance where its encoder takes a plain object. */
const answer = (record: Record<string, unknown>): Answer => ({ class: Packet.CLASS.IN, ttl: 60, ...record }) as unknown as Answer

const TYPE_NAMES: Record<number, keyof ZoneEntry> = { [Packet.TYPE.MX]: 'MX', [Packet.TYPE.A]: 'A', [Packet.TYPE.AAAA]: 'AAAA', [Packet.TYPE.TXT]: 'TXT' }

/**
 * dns2 (npm) answering over UDP on a free 127.0.0.1 port, from `zone`: a
 * name not in it is NXDOMAIN, a name without records of the asked type
 * NODATA (NOERROR, no answers), a `SERVFAIL` entry SERVFAIL. Point
 * `DNS_SERVERS` (or `createNodeResolver({ servers })`) at `address`.
 */
export async function startDnsServer(zone: Record<string, ZoneEntry> = {}): Promise<TestDnsServer> {
  const queries: string[] = []
  const state = { zone }
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request)
      const [question] = request.questions
      const name = (question?.name ?? '').toLowerCase().replace(/\.$/, '')
      const type = TYPE_NAMES[question?.type ?? 0]
      queries.push(`${type ?? question?.type} ${name}`)
      const entry = state.zone[name]
      const asked = question?.name ?? ''
      if (entry === undefined) response.header.rcode = RCODE.NXDOMAIN
      else if (entry.SERVFAIL) response.header.rcode = RCODE.SERVFAIL
      else if (type === 'MX') for (const [priority, exchange] of entry.MX ?? []) response.answers.push(answer({ name: asked, type: Packet.TYPE.MX, priority, exchange }))
      else if (type === 'A') for (const address of entry.A ?? []) response.answers.push(answer({ name: asked, type: Packet.TYPE.A, address }))
      else if (type === 'AAAA') for (const address of entry.AAAA ?? []) response.answers.push(answer({ name: asked, type: Packet.TYPE.AAAA, address }))
      else if (type === 'TXT') for (const data of entry.TXT ?? []) response.answers.push(answer({ name: asked, type: Packet.TYPE.TXT, data }))
      send(response)
    },
  })
  await server.listen({ udp: { port: 0, address: '127.0.0.1' } })
  const port = server.addresses().udp!.port
  return {
    address: `127.0.0.1:${port}`,
    port,
    get zone() {
      return state.zone
    },
    set zone(z) {
      state.zone = z
    },
    queries,
    close: () => server.close(),
  }
}
