import { connect, createServer, type Socket } from 'node:net'

/** How the relay side drops a connection. */
export type SeverMode =
  /** Closes it properly (FIN), saying nothing first. */
  | 'fin'
  /** Resets it (RST). */
  | 'rst'
  /** Forgets it without a word, as a rebooted relay or an expired NAT entry: the next bytes from the client get a reset. */
  | 'forget'

/** A TCP proxy on 127.0.0.1 in front of a relay, able to drop the connections it carries. */
export interface TcpProxy {
  port: number
  /** Connections carried so far. */
  readonly connections: number
  /** Drops every open connection as `mode` says; resolves once the client side saw what it will see. */
  sever(mode: SeverMode): Promise<void>
  stop(): Promise<void>
}

/** Starts a {@link TcpProxy} forwarding to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<{ client: Socket; upstream: Socket; forgotten: boolean }>()
  let connections = 0
  const server = createServer((client) => {
    connections++
    const upstream = connect(targetPort, '127.0.0.1')
    const link = { client, upstream, forgotten: false }
    open.add(link)
    client.on('data', (d) => {
      if (link.forgotten) client.resetAndDestroy()
      else upstream.write(d)
    })
    upstream.on('data', (d) => {
      if (!link.forgotten) client.write(d)
    })
    const drop = () => {
      open.delete(link)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', () => {
      if (!link.forgotten) drop()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    port,
    get connections() {
      return connections
    },
    async sever(mode) {
      for (const link of [...open]) {
        link.forgotten = true
        link.upstream.destroy()
        if (mode === 'fin') link.client.end()
        if (mode === 'rst') link.client.resetAndDestroy()
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const link of open) {
          link.client.destroy()
          link.upstream.destroy()
        }
        server.close(() => resolve())
      }),
  }
}
