import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { freePort } from './ports.js'

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p))

export interface RedisServer {
  port: number
  url: string
  /** A new client connected to this server; closed by `stop()`. */
  client(): Redis
  stop(): Promise<void>
}

/**
 * Starts a throw-away `redis-server` on an ephemeral 127.0.0.1 port with no
 * persistence. Installed by `.ci/run` (Debian `redis-server`).
 */
export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error('redis-server not found: install Debian redis-server (see .ci/run)')
  const port = await freePort()
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4096)))
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4096)))
  const clients: Redis[] = []
  const url = `redis://127.0.0.1:${port}`
  await waitForPing(url, child, () => output)
  return {
    port,
    url,
    client() {
      const c = new Redis(url, { maxRetriesPerRequest: 1 })
      clients.push(c)
      return c
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())))
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}

async function waitForPing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output()}`)
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    probe.on('error', () => {})
    const ok = await probe
      .connect()
      .then(() => probe.ping())
      .then((r) => r === 'PONG')
      .catch(() => false)
    probe.disconnect()
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`redis-server did not answer PING: ${output()}`)
}
