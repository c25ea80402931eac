import { createServer, type Server, type Socket } from 'node:net'

/** A TCP server on 127.0.0.1 that does what `onConnection` says and nothing else (no SMTP). */
export interface RawServer {
  port: number
  /** Connections accepted so far. */
  readonly accepted: number
  stop(): Promise<void>
}

/** Starts a {@link RawServer}; its sockets are destroyed on `stop()`. */
export async function startRawServer(onConnection: (socket: Socket) => void): Promise<RawServer> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server: Server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    onConnection(socket)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    get accepted() {
      return accepted
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
