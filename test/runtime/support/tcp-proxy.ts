import { connect, type Socket } from 'node:net'
import { startRawServer } from './raw-server.js'

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
  /** Drops every open connection as `mode` says: the FIN or reset is sent at once (the client's kernel takes it even while the client is stopped). */
  sever(mode: SeverMode): Promise<void>
  stop(): Promise<void>
}

/** Starts a {@link TcpProxy} forwarding to 127.0.0.1:`targetPort`: a raw server whose connections each open one upstream. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<{ client: Socket; upstream: Socket; forgotten: boolean }>()
  const server = await startRawServer((client) => {
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

  return {
    port: server.port,
    async sever(mode) {
      for (const link of [...open]) {
        link.forgotten = true
        link.upstream.destroy()
        if (mode === 'fin') link.client.end()
        if (mode === 'rst') link.client.resetAndDestroy()
      }
    },
    // The raw server destroys the client sockets; each one's close drops its upstream.
    stop: () => server.stop(),
  }
}
